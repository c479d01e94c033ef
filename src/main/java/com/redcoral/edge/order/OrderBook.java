package com.redcoral.edge.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The orders of a store held in memory and kept current by folding committed events: the state a
 * ledger decides against, and the mirror a terminal keeps. Not thread-safe; one owner applies.
 */
public final class OrderBook implements Orders {

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, String> activeByTable = new HashMap<>();
    private long lastSequence;

    @Override
    public Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public Optional<Order> activeAtTable(String tableId) {
        return Optional.ofNullable(activeByTable.get(tableId)).map(orders::get);
    }

    public Collection<Order> all() {
        return orders.values();
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Folds one committed event in, keeping the table index in step. */
    public Order apply(RecordedEvent event) {
        Order before = orders.get(event.orderId());
        Order after = OrderDecider.evolve(before, event);
        if (before != null && before.isActive() && before.tableId() != null) {
            activeByTable.remove(before.tableId(), before.orderId());
        }
        if (after.isActive() && after.tableId() != null) {
            activeByTable.put(after.tableId(), after.orderId());
        }
        orders.put(after.orderId(), after);
        lastSequence = Math.max(lastSequence, event.sequence());
        return after;
    }

    /** Drops an order from memory (a closed order a ledger reads back from its store when needed). */
    public void forget(String orderId) {
        Order order = orders.remove(orderId);
        if (order != null && order.tableId() != null) {
            activeByTable.remove(order.tableId(), orderId);
        }
    }

    /** Puts a stored snapshot in place, as a node does when it starts. */
    public void load(Order snapshot) {
        orders.put(snapshot.orderId(), snapshot);
        if (snapshot.isActive() && snapshot.tableId() != null) {
            activeByTable.put(snapshot.tableId(), snapshot.orderId());
        }
        lastSequence = Math.max(lastSequence, snapshot.lastSequence());
    }
}
