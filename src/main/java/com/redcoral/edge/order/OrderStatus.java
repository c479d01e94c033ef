package com.redcoral.edge.order;

/** Where an order stands. Only an {@code ACTIVE} order accepts commands. */
public enum OrderStatus {
    ACTIVE, COMPLETED, VOIDED, MERGED
}
