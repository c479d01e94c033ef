package com.redcoral.edge.client;

import static com.redcoral.edge.ledger.LedgerFixture.addItems;
import static com.redcoral.edge.ledger.LedgerFixture.complete;
import static com.redcoral.edge.ledger.LedgerFixture.openTable;
import static com.redcoral.edge.ledger.LedgerFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerFixture;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderStatus;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.EventJson;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order mirror's fold, without a node: events as they come over the wire (JSON), folded one at
 * a time, must give exactly the active orders the ledger's own book holds — also when the mirror
 * starts midway from a full sync's snapshots.
 */
class ActiveOrdersTest {

    @Test
    void aDayOfTradeFoldedFromTheWireGivesTheBooksActiveOrders() {
        LedgerFixture day = new LedgerFixture(11);
        List<ActiveOrders> mirror = new ArrayList<>(List.of(ActiveOrders.EMPTY));
        day.trade(2_000, commit -> wire(commit).forEach(e -> mirror.set(0, mirror.get(0).then(e))));

        assertThat(mirror.get(0).sequence()).isEqualTo(day.head().sequence());
        assertThat(mirror.get(0).orders()).isEqualTo(active(day)).isNotEmpty();
    }

    @Test
    void aMirrorStartedFromAFullSyncMidwayEndsEqualToOneThatSawEverything() {
        LedgerFixture day = new LedgerFixture(5);
        List<ActiveOrders> mirrors = new ArrayList<>(List.of(ActiveOrders.EMPTY));
        day.trade(700, commit -> wire(commit).forEach(e -> mirrors.set(0, mirrors.get(0).then(e))));
        // A terminal that was away: the node's active snapshots as JSON, as a full sync carries them.
        mirrors.add(ActiveOrders.of(day.head().sequence(), active(day).stream().map(ActiveOrdersTest::overTheWire).toList()));
        assertThat(mirrors.get(1)).isEqualTo(mirrors.get(0));

        day.trade(1_400, commit -> wire(commit).forEach(e -> {
            mirrors.set(0, mirrors.get(0).then(e));
            mirrors.set(1, mirrors.get(1).then(e));
        }));
        assertThat(mirrors.get(1)).isEqualTo(mirrors.get(0));
        assertThat(mirrors.get(1).orders()).isEqualTo(active(day));
    }

    @Test
    void aClosedOrderLeavesAndItsLastStateIsTold() {
        LedgerFixture day = new LedgerFixture();
        ActiveOrders mirror = fold(ActiveOrders.EMPTY, day.commit(openTable("t1")));
        String id = day.lastOrderId();
        mirror = fold(mirror, day.commit(addItems(id, "cola", 2), pay(id, 660)));
        assertThat(mirror.order(id)).isPresent();

        RecordedEvent completed = wire(day.commit(complete(id, "R-1"))).get(0);
        ActiveOrders.Applied applied = mirror.apply(completed);

        assertThat(applied.orders().order(id)).isEmpty();
        assertThat(applied.orders().sequence()).isEqualTo(completed.sequence());
        assertThat(applied.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(applied.order().receiptNumber()).isEqualTo("R-1");
        assertThat(mirror.order(id)).as("values never change").isPresent();
    }

    @Test
    void onlyTheNextEventIsApplied() {
        LedgerFixture day = new LedgerFixture();
        ActiveOrders mirror = fold(ActiveOrders.EMPTY, day.commit(openTable("t1")));
        String id = day.lastOrderId();
        List<RecordedEvent> two = wire(day.commit(addItems(id, "cola", 1), addItems(id, "tea", 1)));

        assertThatThrownBy(() -> mirror.apply(two.get(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event 3 is not the next after 1");
        assertThatThrownBy(() -> mirror.then(two.get(0)).then(two.get(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEventForAnOrderTheMirrorDoesNotHoldDoesNotFit() {
        LedgerFixture day = new LedgerFixture();
        day.commit(openTable("t1"));
        String id = day.lastOrderId();
        RecordedEvent added = wire(day.commit(addItems(id, "cola", 1))).get(0);
        ActiveOrders without = ActiveOrders.of(1, List.of());

        assertThatThrownBy(() -> without.apply(added)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("instead of TABLE_OPENED");
    }

    @Test
    void aListThatCannotDescribeTheNodeIsRefused() {
        LedgerFixture day = new LedgerFixture();
        day.commit(openTable("t1"));
        String id = day.lastOrderId();
        day.commit(addItems(id, "cola", 1), pay(id, 330));
        Order open = day.book().find(id).orElseThrow();
        day.commit(complete(id, "R-9"));
        Order closed = day.book().find(id).orElseThrow();

        assertThatThrownBy(() -> ActiveOrders.of(3, List.of(open, open))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ActiveOrders.of(2, List.of(open))).hasMessageContaining("beyond 2");
        assertThatThrownBy(() -> ActiveOrders.of(4, List.of(closed))).hasMessageContaining("not active");
        assertThatThrownBy(() -> ActiveOrders.of(-1, List.of())).hasMessageContaining("from 0");
        assertThat(ActiveOrders.of(3, List.of(open)).orders()).containsExactly(open);
    }

    private static ActiveOrders fold(ActiveOrders mirror, Commit commit) {
        for (RecordedEvent event : wire(commit)) {
            mirror = mirror.then(event);
        }
        return mirror;
    }

    /** The commit's events as a terminal reads them: written as the node publishes them, read back. */
    private static List<RecordedEvent> wire(Commit commit) {
        return commit.events().stream().map(e -> EventJson.read(EventJson.write(e.event()))).toList();
    }

    private static List<Order> active(LedgerFixture day) {
        return day.book().all().stream().filter(Order::isActive).sorted(Comparator.comparing(Order::orderId)).toList();
    }

    private static Order overTheWire(Order order) {
        try {
            return Json.MAPPER.readValue(Json.bytes(order), Order.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
