package com.redcoral.edge.kitchen;

import java.util.Objects;

/**
 * Where an active order's food goes: its table (null for a counter order) and the name to show. The
 * kitchen keeps it for every active order, because ITEMS_ADDED does not repeat it.
 */
public record OrderTable(String orderId, String tableId, String tableName) {

    public OrderTable {
        Objects.requireNonNull(orderId, "orderId");
    }
}
