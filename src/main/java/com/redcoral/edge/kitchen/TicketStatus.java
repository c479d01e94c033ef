package com.redcoral.edge.kitchen;

/** Where a kitchen ticket stands. The names are wire values. */
public enum TicketStatus {
    /** Still to be made: on the kitchen's screen. */
    OPEN,
    /** The kitchen is done with it (bumped); it can be recalled within the recall window. */
    BUMPED,
    /** Every unit on it was taken off the order, or the order was voided: nothing to make. */
    CANCELLED
}
