package com.redcoral.edge.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.Percent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeedDirectoryTest {

    private static final String PIN_HASH = PinHash.hash("2468");

    @Test
    void theBundledCafeReads() throws Exception {
        try (InputStream in = SeedDirectory.class.getResourceAsStream("/conf/store-seed.json")) {
            SeedDirectory cafe = SeedDirectory.read(in, "bundled");
            assertThat(cafe.employee("mgr_01").orElseThrow().may(Permission.ORDER_VOID)).isTrue();
            assertThat(cafe.employee("emp_01").orElseThrow().permissions()).isEmpty();
            assertThat(cafe.catalog().product("espresso").orElseThrow().price()).isEqualTo(250);
            assertThat(cafe.catalog().zone("terrace").orElseThrow().surchargePercent()).isEqualTo(Percent.of(10));
            assertThat(cafe.approver("mgr_01", "0000")).as("no PIN is set in the café").isEmpty();
        }
    }

    @Test
    void anApproverNeedsTheirOwnPinAndAnActiveRecord() {
        SeedDirectory seed = read("""
                {"roles": [{"id": "m", "name": "M", "permissions": ["order.void"]}],
                 "employees": [{"id": "li", "name": "Li", "role_id": "m", "pin_hash": "%s"},
                               {"id": "gone", "name": "Gone", "role_id": "m", "pin_hash": "%s", "active": false},
                               {"id": "nopin", "name": "No Pin", "role_id": "m"}]}
                """.formatted(PIN_HASH, PIN_HASH));
        assertThat(seed.approver("li", "2468")).map(a -> a.name()).contains("Li");
        assertThat(seed.approver("li", "2469")).isEmpty();
        assertThat(seed.approver("li", null)).isEmpty();
        assertThat(seed.approver("gone", "2468")).isEmpty();
        assertThat(seed.employee("gone")).isEmpty();
        assertThat(seed.approver("nopin", "2468")).isEmpty();
        assertThat(seed.approver("nobody", "2468")).isEmpty();
    }

    @Test
    void aBrokenSeedIsRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> read("""
                {"roles": [], "employees": [{"id": "a", "name": "A", "role_id": "boss"}]}"""))
                .hasMessageContaining("unknown role_id boss");
        assertThatThrownBy(() -> read("""
                {"roles": [{"id": "m", "name": "M", "permissions": []}],
                 "employees": [{"id": "a", "name": "A", "role_id": "m", "pin_hash": "1234"}]}"""))
                .hasMessageContaining("never a PIN in clear text");
        assertThatThrownBy(() -> read("""
                {"products": [{"id": "x", "name": "X", "price": 1}, {"id": "x", "name": "Y", "price": 2}]}"""))
                .hasMessageContaining("x appears twice");
        assertThatThrownBy(() -> read("""
                {"tables": [{"id": "T1", "name": "T1", "zone_id": "roof"}]}"""))
                .hasMessageContaining("unknown zone_id roof");
        assertThatThrownBy(() -> read("""
                {"roles": [{"id": "m", "name": "M", "permissions": ["order.everything"]}]}"""))
                .hasMessageContaining("order.everything");
        assertThatThrownBy(() -> read("{\"produkts\": []}")).hasMessageContaining("produkts");
    }

    @Test
    void aPinHashIsSaltedAndChecksOnlyItsPin() {
        String again = PinHash.hash("2468");
        assertThat(again).isNotEqualTo(PIN_HASH).startsWith("pbkdf2-sha256$" + PinHash.ITERATIONS + "$");
        assertThat(PinHash.matches("2468", again)).isTrue();
        assertThat(PinHash.matches("8642", again)).isFalse();
        assertThat(again).doesNotContain("2468");
    }

    private static SeedDirectory read(String json) {
        return SeedDirectory.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
