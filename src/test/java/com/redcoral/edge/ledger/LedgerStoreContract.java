package com.redcoral.edge.ledger;

import static com.redcoral.edge.ledger.LedgerFixture.addItems;
import static com.redcoral.edge.ledger.LedgerFixture.complete;
import static com.redcoral.edge.ledger.LedgerFixture.openCounter;
import static com.redcoral.edge.ledger.LedgerFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderStatus;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link LedgerStore} must do, as {@code @Test default} methods (the EventStoreDB client's
 * contract-suite pattern): a test class implements this interface with its way of opening a store
 * and inherits the suite. Commits come from {@link LedgerFixture}, so they are real decisions.
 */
public interface LedgerStoreContract {

    /** Opens the store kept in {@code dir} for writing, creating it when new. */
    LedgerStore openStore(Path dir);

    /** Opens the store kept in {@code dir} for reading only. */
    LedgerStore openReadOnly(Path dir);

    @Test
    default void aNewStoreIsEmpty(@TempDir Path dir) {
        try (LedgerStore store = openStore(dir)) {
            assertThat(store.head()).isEqualTo(LedgerStore.Head.EMPTY);
            assertThat(store.events(0, Long.MAX_VALUE)).isEmpty();
            assertThat(store.activeOrders()).isEmpty();
            assertThat(store.snapshot("nobody")).isEmpty();
            assertThat(store.response("nothing")).isEmpty();
            assertThat(store.orderEvents("nobody")).isEmpty();
        }
    }

    @Test
    default void whatIsAppendedReadsBackExactly(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            Commit opened = fixture.commit(openCounter());
            String orderId = fixture.lastOrderId();
            Commit filled = fixture.commit(addItems(orderId, "burger", 2), addItems(orderId, "cola", 1));
            store.append(opened);
            store.append(filled);

            List<RecordedEvent> all = events(opened, filled);
            assertThat(store.head()).isEqualTo(fixture.head()).isEqualTo(new LedgerStore.Head(3, all.get(2).hash()));
            assertThat(store.events(0, 3)).containsExactlyElementsOf(all);
            assertThat(store.events(1, 2)).containsExactly(all.get(1));
            assertThat(store.events(2, 99)).containsExactly(all.get(2));
            assertThat(store.events(3, 9)).isEmpty();
            assertThat(store.orderEvents(orderId)).containsExactlyElementsOf(all);
            Order order = fixture.book().find(orderId).orElseThrow();
            assertThat(store.snapshot(orderId)).contains(order);
            assertThat(store.activeOrders()).containsExactly(order);
            CommandResponse response = filled.responses().get(1);
            assertThat(store.response(response.commandId())).contains(response);
        }
    }

    @Test
    default void eachOrderHasItsOwnEvents(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            Commit first = fixture.commit(openCounter());
            String a = fixture.lastOrderId();
            Commit second = fixture.commit(openCounter());
            String b = fixture.lastOrderId();
            Commit third = fixture.commit(addItems(b, "tea", 1), addItems(a, "cola", 3));
            List.of(first, second, third).forEach(store::append);

            List<RecordedEvent> all = events(first, second, third);
            assertThat(store.orderEvents(a)).containsExactly(all.get(0), all.get(3));
            assertThat(store.orderEvents(b)).containsExactly(all.get(1), all.get(2));
            assertThat(store.activeOrders()).extracting(Order::orderId).containsExactlyInAnyOrder(a, b);
            List<String> visited = new ArrayList<>();
            store.scanSnapshots(order -> visited.add(order.orderId()));
            assertThat(visited).containsExactlyInAnyOrder(a, b);
        }
    }

    @Test
    default void aClosedOrderLeavesTheActiveSet(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            store.append(fixture.commit(openCounter()));
            String orderId = fixture.lastOrderId();
            store.append(fixture.commit(addItems(orderId, "fries", 2)));
            long total = fixture.book().find(orderId).orElseThrow().total();
            store.append(fixture.commit(pay(orderId, total), complete(orderId, "R-1")));

            assertThat(store.activeOrders()).isEmpty();
            assertThat(store.snapshot(orderId)).hasValueSatisfying(order -> {
                assertThat(order.status()).isEqualTo(OrderStatus.COMPLETED);
                assertThat(order).isEqualTo(fixture.book().find(orderId).orElseThrow());
            });
        }
    }

    @Test
    default void aCommitOfRejectionsKeepsOnlyTheirResponses(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            store.append(fixture.commit(openCounter()));
            LedgerStore.Head before = store.head();
            Commit rejected = fixture.commit(complete("no-such-order", "R-1"));
            assertThat(rejected.events()).isEmpty();

            store.append(rejected);

            assertThat(store.head()).isEqualTo(before);
            assertThat(store.events(0, 99)).hasSize(1);
            CommandResponse response = rejected.responses().get(0);
            assertThat(response.success()).isFalse();
            assertThat(store.response(response.commandId())).contains(response);
        }
    }

    @Test
    default void aCommitThatDoesNotFollowTheHeadIsRefusedWithNothingWritten(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            Commit first = fixture.commit(openCounter());
            String orderId = fixture.lastOrderId();
            Commit second = fixture.commit(addItems(orderId, "cola", 1));

            assertThatThrownBy(() -> store.append(second)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sequence 2");
            assertThat(store.head()).isEqualTo(LedgerStore.Head.EMPTY);
            assertThat(store.events(0, 99)).isEmpty();
            assertThat(store.snapshot(orderId)).isEmpty();
            assertThat(store.response(second.responses().get(0).commandId())).isEmpty();

            store.append(first);
            assertThatThrownBy(() -> store.append(first)).isInstanceOf(IllegalArgumentException.class);
            Commit wrongHead = new Commit(second.events(), second.snapshots(), second.responses(), first.head());
            assertThatThrownBy(() -> store.append(wrongHead)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("head");
            assertThat(store.head()).isEqualTo(first.head());
            store.append(second);
            assertThat(store.head()).isEqualTo(second.head());
        }
    }

    @Test
    default void aCommitWhoseEventsAreNotChainedIsRefused(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            Commit commit = fixture.commit(openCounter());
            Commit.Entry entry = commit.events().get(0);
            byte[] edited = new String(entry.canonical(), StandardCharsets.UTF_8).replace("Counter", "Kounter")
                    .getBytes(StandardCharsets.UTF_8);
            Commit forged = new Commit(List.of(new Commit.Entry(entry.event(), edited)), commit.snapshots(),
                    commit.responses(), commit.head());

            assertThatThrownBy(() -> store.append(forged)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("chained");
            assertThat(store.head()).isEqualTo(LedgerStore.Head.EMPTY);
        }
    }

    @Test
    default void everythingSurvivesCloseAndReopen(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture(7);
        List<Commit> commits = new ArrayList<>();
        try (LedgerStore store = openStore(dir)) {
            for (int i = 0; i < 20; i++) {
                commits.add(fixture.randomCommit(5));
                store.append(commits.get(i));
            }
        }
        try (LedgerStore store = openStore(dir)) {
            assertThat(store.head()).isEqualTo(fixture.head());
            assertThat(store.events(0, Long.MAX_VALUE)).containsExactlyElementsOf(events(commits.toArray(Commit[]::new)));
            fixture.book().all().forEach(order -> assertThat(store.snapshot(order.orderId())).contains(order));
            assertThat(store.activeOrders()).containsExactlyInAnyOrderElementsOf(
                    fixture.book().all().stream().filter(Order::isActive).toList());
            commits.stream().flatMap(c -> c.responses().stream())
                    .forEach(response -> assertThat(store.response(response.commandId())).contains(response));

            Commit next = fixture.randomCommit(3);
            store.append(next);
            assertThat(store.head()).isEqualTo(next.head());
        }
    }

    @Test
    default void aReadOnlyStoreSeesTheDataAndRefusesToAppend(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (LedgerStore store = openStore(dir)) {
            store.append(fixture.commit(openCounter()));
        }
        try (LedgerStore store = openReadOnly(dir)) {
            assertThat(store.head()).isEqualTo(fixture.head());
            assertThat(store.snapshot(fixture.lastOrderId())).isPresent();
            Commit next = fixture.commit(addItems(fixture.lastOrderId(), "cola", 1));
            assertThatThrownBy(() -> store.append(next)).isInstanceOf(LedgerStoreException.class)
                    .hasMessageContaining("read-only");
            assertThat(store.head().sequence()).isEqualTo(1);
        }
    }

    @Test
    default void scanGivesTheStoredBytesAndStopsWhenTheVisitorSaysSo(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        List<RecordedEvent> events = new ArrayList<>();
        List<byte[]> canonical = new ArrayList<>();
        try (LedgerStore store = openStore(dir)) {
            while (fixture.head().sequence() < 10) {
                Commit commit = fixture.randomCommit(1);
                store.append(commit);
                commit.events().forEach(entry -> {
                    events.add(entry.event());
                    canonical.add(entry.canonical());
                });
            }
            List<Long> visited = new ArrayList<>();
            store.scan(4, (sequence, hash, bytes) -> {
                visited.add(sequence);
                int i = (int) sequence - 1;
                assertThat(hash).isEqualTo(events.get(i).hash());
                assertThat(bytes).isEqualTo(canonical.get(i));
                return visited.size() < 3;
            });
            assertThat(visited).containsExactly(5L, 6L, 7L);

            List<Long> all = new ArrayList<>();
            store.scan(0, (sequence, hash, bytes) -> all.add(sequence));
            assertThat(all).hasSize(events.size()).first().isEqualTo(1L);
        }
    }

    private static List<RecordedEvent> events(Commit... commits) {
        List<RecordedEvent> events = new ArrayList<>();
        for (Commit commit : commits) {
            commit.events().forEach(entry -> events.add(entry.event()));
        }
        return events;
    }
}
