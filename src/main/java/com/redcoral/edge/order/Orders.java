package com.redcoral.edge.order;

import java.util.Optional;

/** The read-only view of the order book a decision consults. */
public interface Orders {

    Optional<Order> find(String orderId);

    /** The active order standing at a table, if any: a table holds at most one. */
    Optional<Order> activeAtTable(String tableId);
}
