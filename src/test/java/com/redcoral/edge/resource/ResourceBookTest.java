package com.redcoral.edge.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.order.Permission;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The runner around the resource decider: bootstrap, seed, and what becomes visible when. */
class ResourceBookTest {

    private static final String ADMIN_HASH = PinHash.hash("97531");

    private final InMemoryResourceStore store = new InMemoryResourceStore();

    private ResourceBook book() {
        return new ResourceBook(store, 100, new PinGuard(new PinGuard.Policy(5, Duration.ofSeconds(30)), () -> 0L));
    }

    private static StoreSeed seed(String json) {
        return StoreSeed.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }

    @Test
    void aNewStoreGetsTheAdminRoleAndEmployeeThenTheSeed() {
        ResourceBook book = book();
        boolean bootstrapped = book.bootstrap(() -> ADMIN_HASH, seed("""
                {"product": [{"id": "cola", "name": "Cola", "price": 300}],
                 "zone": [{"id": "hall", "name": "Hall"}]}"""), 42);

        assertThat(bootstrapped).isTrue();
        ResourceState state = book.state();
        assertThat(state.item(ResourceType.ROLE, "admin").orElseThrow().toJson().get("permissions"))
                .hasSize(EnumSet.allOf(Permission.class).size());
        assertThat(book.directory().employee("admin").orElseThrow().permissions()).containsAll(EnumSet.allOf(Permission.class));
        assertThat(book.directory().verifyPin("admin", "97531")).isInstanceOf(PinGuard.Result.Verified.class);
        assertThat(book.directory().catalog().product("cola").orElseThrow().price()).isEqualTo(300);
        assertThat(store.load().versions()).isEqualTo(state.versions());
        assertThat(store.changes(ResourceType.EMPLOYEE, ResourceVersion.ZERO, ResourceVersion.of(1)).entries().get(0)
                .get("operator_id").textValue()).isEqualTo("system");
    }

    @Test
    void aStoreThatHoldsAnythingIsLeftAsItIsAndThePinIsNotEvenHashed() {
        book().bootstrap(() -> ADMIN_HASH, StoreSeed.NONE, 1);
        AtomicInteger asked = new AtomicInteger();
        ResourceBook again = book();
        assertThat(again.bootstrap(() -> {
            asked.incrementAndGet();
            return ADMIN_HASH;
        }, seed("""
                {"tag": [{"id": "new", "name": "New"}]}"""), 2)).isFalse();
        assertThat(asked).hasValue(0);
        assertThat(again.state().items(ResourceType.TAG)).isEmpty();
    }

    @Test
    void aSeedWithOneBadItemIsRefusedWholeAndTheStoreStaysNew() {
        ResourceBook book = book();
        assertThatThrownBy(() -> book.bootstrap(() -> ADMIN_HASH, seed("""
                {"zone": [{"id": "hall", "name": "Hall"}],
                 "dining_table": [{"id": "T1", "name": "Table 1", "zone_id": "roof"}]}"""), 1))
                .hasMessageContaining("store seed: dining_table T1").hasMessageContaining("zone_id");
        assertThat(store.load().isNew()).isTrue();
        assertThat(book.state().isNew()).isTrue();
    }

    @Test
    void aSeedIsReadStrictly() {
        assertThatThrownBy(() -> seed("""
                {"products": []}""")).hasMessageContaining("unknown resource type \"products\"");
        assertThatThrownBy(() -> seed("""
                {"employee": [{"id": "e1", "name": "E", "role_id": "admin", "pin": "1234"}]}"""))
                .hasMessageContaining("never a PIN in clear text");
        assertThatThrownBy(() -> seed("""
                {"employee": [{"id": "e1", "name": "E", "role_id": "admin", "pin_hash": "1234"}]}"""))
                .hasMessageContaining("pin_hash must be a pbkdf2-sha256 hash");
        assertThatThrownBy(() -> seed("""
                {"tag": [{"name": "no id"}]}""")).hasMessageContaining("tag[0]: must be an object with a text id");
        assertThatThrownBy(() -> seed("[]")).hasMessageContaining("must hold a JSON object");
    }

    @Test
    void theBundledDemoSeedIsValid() throws Exception {
        try (var in = ResourceBookTest.class.getResourceAsStream("/conf/store-seed.json")) {
            ResourceBook book = book();
            book.bootstrap(() -> ADMIN_HASH, StoreSeed.read(in, "demo"), 1);
            assertThat(book.directory().employee("mgr_01").orElseThrow().name()).isEqualTo("Li");
            assertThat(book.directory().verifyPin("emp_01", "1111")).isInstanceOf(PinGuard.Result.Verified.class);
            assertThat(book.directory().catalog().table("P1").orElseThrow().zoneId()).isEqualTo("terrace");
        }
    }
}
