package com.redcoral.edge.resource;

import static com.redcoral.edge.resource.ResourceFixture.OTHER_PIN_HASH;
import static com.redcoral.edge.resource.ResourceFixture.PIN_HASH;
import static com.redcoral.edge.resource.ResourceFixture.START;
import static com.redcoral.edge.resource.ResourceFixture.employee;
import static com.redcoral.edge.resource.ResourceFixture.named;
import static com.redcoral.edge.resource.ResourceFixture.product;
import static com.redcoral.edge.resource.ResourceFixture.text;
import static com.redcoral.edge.resource.ResourceType.CATEGORY;
import static com.redcoral.edge.resource.ResourceType.EMPLOYEE;
import static com.redcoral.edge.resource.ResourceType.PRICE_RULE;
import static com.redcoral.edge.resource.ResourceType.PRINT_DESTINATION;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceType.ROLE;
import static com.redcoral.edge.resource.ResourceType.TAG;
import static com.redcoral.edge.resource.ResourceVersion.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.resource.ResourceStore.Changes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ResourceStore} must do, as {@code @Test default} methods: a test class implements
 * this interface with its way of opening a store and inherits the suite. Changes come from {@link
 * ResourceFixture}, so they are real ones with the versions a writer gives them.
 */
public interface ResourceStoreContract {

    /** A log that keeps every change. */
    int ALL = Integer.MAX_VALUE;

    /** Opens the store kept in {@code dir} for writing, creating it when new. */
    ResourceStore openStore(Path dir);

    /** The store in {@code dir} as a restarted node finds it: what {@link #openStore} opened is closed and opened again. */
    ResourceStore reopen(Path dir);

    @Test
    default void aNewStoreIsEmpty(@TempDir Path dir) {
        ResourceStore store = openStore(dir);
        assertThat(store.load().isNew()).isTrue();
        for (ResourceType type : ResourceType.values()) {
            assertThat(store.load().items(type)).as(type.wireName()).isEmpty();
            assertThat(store.changes(type, ZERO, ZERO)).isEqualTo(new Changes(true, List.of()));
        }
    }

    @Test
    default void createdUpdatedAndDeletedItemsReadBack(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> written = new ArrayList<>();
        for (ResourceChange change : List.of(fixture.create(PRODUCT, "latte", product("Latte", 350)),
                fixture.create(PRODUCT, "tea", product("Tea", 250)))) {
            store.write(List.of(change), ALL);
            written.add(change);
        }
        assertLoads(store, fixture.state());

        ResourceChange updated = fixture.update(PRODUCT, "latte", product("Latte", 380));
        store.write(List.of(updated), ALL);
        written.add(updated);
        assertLoads(store, fixture.state());
        assertThat(store.load().item(PRODUCT, "latte")).hasValueSatisfying(latte -> {
            assertThat(latte.version()).isEqualTo(ResourceVersion.of(3));
            assertThat(latte.fields().get("price").intValue()).isEqualTo(380);
        });

        ResourceChange deleted = fixture.delete(PRODUCT, "tea");
        store.write(List.of(deleted), ALL);
        written.add(deleted);
        assertLoads(store, fixture.state());
        assertThat(store.load().items(PRODUCT)).extracting(ResourceItem::id).containsExactly("latte");
        assertThat(store.load().version(PRODUCT)).isEqualTo(ResourceVersion.of(4));

        Changes changes = store.changes(PRODUCT, ZERO, ResourceVersion.of(4));
        assertThat(changes.complete()).isTrue();
        assertThat(texts(changes.entries())).isEqualTo(logTexts(written));
    }

    @Test
    default void eachTypeCountsItsOwnVersions(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        store.write(List.of(fixture.create(PRODUCT, "latte", product("Latte", 350))), ALL);
        ResourceChange drinks = fixture.create(CATEGORY, "drinks", named("Drinks"));
        store.write(List.of(drinks), ALL);
        store.write(List.of(fixture.create(PRODUCT, "tea", product("Tea", 250))), ALL);
        store.write(List.of(fixture.create(EMPLOYEE, "e-ana", employee("Ana", PIN_HASH))), ALL);

        ResourceState state = store.load();
        assertThat(state.version(PRODUCT)).isEqualTo(ResourceVersion.of(2));
        assertThat(state.version(CATEGORY)).isEqualTo(ResourceVersion.of(1));
        assertThat(state.version(EMPLOYEE)).isEqualTo(ResourceVersion.of(1));
        assertThat(state.version(TAG)).isEqualTo(ZERO);
        assertThat(state.item(CATEGORY, "drinks").orElseThrow().version()).isEqualTo(ResourceVersion.of(1));
        assertThat(state.item(PRODUCT, "tea").orElseThrow().version()).isEqualTo(ResourceVersion.of(2));
        assertLoads(store, fixture.state());
        assertThat(texts(store.changes(CATEGORY, ZERO, ResourceVersion.of(1)).entries()))
                .containsExactly(text(drinks.logJson()));
    }

    @Test
    default void aChangeThatDoesNotFollowTheStoredVersionIsRefusedWithNothingWritten(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        ResourceChange first = fixture.create(PRODUCT, "latte", product("Latte", 350));
        store.write(List.of(first), ALL);

        assertThatThrownBy(() -> store.write(List.of(created(PRODUCT, "tea", 3)), ALL))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("product is at version 1").hasMessageContaining("a change with version 3");
        assertThatThrownBy(() -> store.write(List.of(created(PRODUCT, "tea", 1)), ALL))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("product is at version 1").hasMessageContaining("a change with version 1");
        assertThatThrownBy(() -> store.write(List.of(created(CATEGORY, "drinks", 2)), ALL))
                .isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("category is at version 0").hasMessageContaining("a change with version 2");

        assertLoads(store, fixture.state());
        assertThat(texts(store.changes(PRODUCT, ZERO, ResourceVersion.of(3)).entries()))
                .containsExactly(text(first.logJson()));
        assertThat(store.changes(CATEGORY, ZERO, ResourceVersion.of(2))).isEqualTo(new Changes(true, List.of()));
    }

    @Test
    default void aLogThatWouldKeepNothingIsRefused(@TempDir Path dir) {
        ResourceStore store = openStore(dir);
        ResourceChange change = new ResourceFixture().create(PRODUCT, "latte", product("Latte", 350));

        assertThatThrownBy(() -> store.write(List.of(change), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least the last change");
        assertThat(store.load().isNew()).isTrue();
    }

    @Test
    default void severalChangesOfSeveralTypesAreWrittenTogether(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> batch = List.of(fixture.create(CATEGORY, "drinks", named("Drinks")),
                fixture.create(PRODUCT, "tea", product("Tea", 250)), fixture.create(PRODUCT, "cola", product("Cola", 300)),
                fixture.update(PRODUCT, "tea", product("Tea", 260)));
        store.write(batch, ALL);

        assertLoads(store, fixture.state());
        assertThat(texts(store.changes(PRODUCT, ZERO, ResourceVersion.of(3)).entries()))
                .isEqualTo(logTexts(batch.subList(1, 4)));
    }

    @Test
    default void aBatchWithOneChangeOutOfOrderWritesNothing(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        ResourceChange tea = fixture.create(PRODUCT, "tea", product("Tea", 250));

        assertThatThrownBy(() -> store.write(List.of(tea, created(PRODUCT, "cola", 3)), ALL))
                .isInstanceOf(LedgerStoreException.class).hasMessageContaining("a change with version 3");
        assertThat(store.load().isNew()).isTrue();
        assertThat(store.changes(PRODUCT, ZERO, ResourceVersion.of(1)).entries()).isEmpty();
    }

    @Test
    default void theLogKeepsTheLastChangesOfEachTypeAndChangesTellsWhenItNoLongerReachesBack(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> products = new ArrayList<>();
        List<ResourceChange> neighbours = new ArrayList<>();
        // price_rule and print_destination sort just before product, role just after it.
        for (int i = 1; i <= 6; i++) {
            ResourceChange change = i == 1 ? fixture.create(PRODUCT, "latte", product("Latte", 350))
                    : fixture.update(PRODUCT, "latte", product("Latte", 350 + i));
            store.write(List.of(change), 3);
            products.add(change);
            for (ResourceType type : List.of(PRICE_RULE, PRINT_DESTINATION, ROLE)) {
                ResourceChange neighbour = fixture.create(type, type.wireName() + "-" + i, named("n" + i));
                store.write(List.of(neighbour), ALL);
                neighbours.add(neighbour);
            }
        }
        ResourceVersion six = ResourceVersion.of(6);

        assertThat(texts(store.changes(PRODUCT, ResourceVersion.of(3), six).entries()))
                .isEqualTo(logTexts(products.subList(3, 6)));
        assertThat(store.changes(PRODUCT, ResourceVersion.of(3), six).complete()).isTrue();
        assertThat(store.changes(PRODUCT, ResourceVersion.of(2), six)).isEqualTo(new Changes(false, List.of()));
        assertThat(store.changes(PRODUCT, ZERO, six)).isEqualTo(new Changes(false, List.of()));
        assertThat(texts(store.changes(PRODUCT, ResourceVersion.of(5), six).entries()))
                .containsExactly(text(products.get(5).logJson()));
        assertThat(store.changes(PRODUCT, six, six)).isEqualTo(new Changes(true, List.of()));
        for (ResourceType type : List.of(PRICE_RULE, PRINT_DESTINATION, ROLE)) {
            Changes all = store.changes(type, ZERO, six);
            assertThat(all.complete()).as(type.wireName()).isTrue();
            assertThat(texts(all.entries())).as(type.wireName())
                    .isEqualTo(logTexts(neighbours.stream().filter(c -> c.type() == type).toList()));
        }
        assertLoads(store, fixture.state());
    }

    @Test
    default void changesStopsAtUpTo(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ResourceChange change = fixture.create(TAG, "tag-" + i, named("Tag " + i));
            store.write(List.of(change), ALL);
            written.add(change);
        }

        assertThat(texts(store.changes(TAG, ResourceVersion.of(1), ResourceVersion.of(3)).entries()))
                .isEqualTo(logTexts(written.subList(1, 3)));
        assertThat(texts(store.changes(TAG, ZERO, ResourceVersion.of(5)).entries())).isEqualTo(logTexts(written));
        assertThat(texts(store.changes(TAG, ResourceVersion.of(4), ResourceVersion.of(99)).entries()))
                .isEqualTo(logTexts(written.subList(4, 5)));
        assertThat(store.changes(TAG, ResourceVersion.of(3), ResourceVersion.of(1)))
                .as("a version after the bound is not from this history").isEqualTo(new Changes(false, List.of()));
    }

    @Test
    default void logEntriesAreTheChangesLogJsonAndHoldNoPinHash(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> written = List.of(
                fixture.create(EMPLOYEE, "e-ana", employee("Ana", PIN_HASH)),
                fixture.update(EMPLOYEE, "e-ana", employee("Ana", OTHER_PIN_HASH)),
                fixture.update(EMPLOYEE, "e-ana", employee("Ana María", OTHER_PIN_HASH)),
                fixture.delete(EMPLOYEE, "e-ana"));
        store.write(List.of(written.get(0)), ALL);
        assertThat(store.load().item(EMPLOYEE, "e-ana").orElseThrow().text(ResourceItem.PIN_HASH)).contains(PIN_HASH);
        written.stream().skip(1).forEach(change -> store.write(List.of(change), ALL));

        List<ObjectNode> entries = store.changes(EMPLOYEE, ZERO, ResourceVersion.of(4)).entries();
        assertThat(texts(entries)).isEqualTo(logTexts(written));
        assertThat(entries).extracting(entry -> entry.get("pin_changed").booleanValue())
                .containsExactly(true, true, false, false);
        assertThat(texts(entries)).allSatisfy(entry -> assertThat(entry).doesNotContain("pin_hash", "pbkdf2"));
    }

    @Test
    default void everythingSurvivesReopening(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        List<ResourceChange> products = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            ResourceChange change = fixture.create(PRODUCT, "p" + i, product("P" + i, 100 * i));
            store.write(List.of(change), 2);
            products.add(change);
        }
        ResourceChange ana = fixture.create(EMPLOYEE, "e-ana", employee("Ana", PIN_HASH));
        store.write(List.of(ana), ALL);

        ResourceStore reopened = reopen(dir);
        assertLoads(reopened, fixture.state());
        assertThat(reopened.load().item(EMPLOYEE, "e-ana").orElseThrow().text(ResourceItem.PIN_HASH))
                .contains(PIN_HASH);
        assertThat(texts(reopened.changes(PRODUCT, ResourceVersion.of(2), ResourceVersion.of(4)).entries()))
                .isEqualTo(logTexts(products.subList(2, 4)));
        assertThat(reopened.changes(PRODUCT, ResourceVersion.of(1), ResourceVersion.of(4)).complete()).isFalse();
        assertThat(texts(reopened.changes(EMPLOYEE, ZERO, ResourceVersion.of(1)).entries()))
                .containsExactly(text(ana.logJson()));

        reopened.write(List.of(fixture.delete(PRODUCT, "p1")), ALL);
        assertLoads(reopened, fixture.state());
    }

    @Test
    default void aReaderOnAnotherThreadSeesWholeWrites(@TempDir Path dir) throws InterruptedException {
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                while (writing.get()) {
                    ResourceState state = store.load();
                    ResourceVersion version = state.version(PRODUCT);
                    // Every product change updates latte: a torn read would show them apart.
                    assertThat(state.item(PRODUCT, "latte").map(ResourceItem::version).orElse(ZERO))
                            .isEqualTo(version);
                    ResourceVersion since = ResourceVersion.of(Math.max(0, version.value() - 3));
                    Changes changes = store.changes(PRODUCT, since, version);
                    if (changes.complete()) {
                        assertThat(changes.entries()).extracting(entry -> entry.get("version").longValue())
                                .containsExactlyElementsOf(LongStream.rangeClosed(since.value() + 1, version.value())
                                        .boxed().toList());
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            for (int i = 1; i <= 60; i++) {
                ResourceChange change = i == 1 ? fixture.create(PRODUCT, "latte", product("Latte", 350))
                        : fixture.update(PRODUCT, "latte", product("Latte", 350 + i));
                store.write(List.of(change), 5);
                store.write(List.of(fixture.create(CATEGORY, "c" + i, named("C" + i))), ALL);
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertThat(failure.get()).isNull();
        assertLoads(store, fixture.state());
    }

    /** Asserts that {@code store} holds exactly the versions and items (secrets included) of {@code expected}. */
    static void assertLoads(ResourceStore store, ResourceState expected) {
        ResourceState loaded = store.load();
        assertThat(loaded.versions()).isEqualTo(expected.versions());
        for (ResourceType type : ResourceType.values()) {
            assertThat(storedTexts(loaded.items(type))).as(type.wireName()).isEqualTo(storedTexts(expected.items(type)));
        }
    }

    private static ResourceChange created(ResourceType type, String id, long version) {
        ResourceVersion v = ResourceVersion.of(version);
        return new ResourceChange(type, ResourceChange.Action.CREATED, null, new ResourceItem(id, v, named(id)), v,
                "e-ana", "Ana", START);
    }

    private static List<String> texts(List<ObjectNode> entries) {
        return entries.stream().map(ResourceFixture::text).toList();
    }

    private static List<String> logTexts(List<ResourceChange> changes) {
        return changes.stream().map(change -> text(change.logJson())).toList();
    }

    private static List<String> storedTexts(Collection<ResourceItem> items) {
        return items.stream().map(item -> text(item.toStoredJson())).toList();
    }
}
