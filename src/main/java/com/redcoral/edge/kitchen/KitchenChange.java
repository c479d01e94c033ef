package com.redcoral.edge.kitchen;

/**
 * One change to the kitchen's state: what {@link KitchenProjection} makes of an order event, a bump or a
 * recall, what {@link KitchenProjection#evolve} folds in and what a {@link KitchenStore} writes. Only a
 * {@link TicketChanged} is something a cook sees; it is published on the destination's address.
 */
public sealed interface KitchenChange {

    /** The ticket as it is after a change a cook sees, and what kind of change it was. */
    record TicketChanged(Change change, KitchenTicket ticket) implements KitchenChange {}

    /**
     * The ticket's units now belong to other order lines (a price or discount change): nothing the kitchen
     * sees changes, not even the version, but later removals must find the units.
     */
    record TicketRelabelled(KitchenTicket ticket) implements KitchenChange {}

    /** A bumped or cancelled ticket older than the recall window, dropped. */
    record TicketPruned(TicketKey key) implements KitchenChange {}

    /** Where an order's food goes, from now on. */
    record TableSet(OrderTable table) implements KitchenChange {}

    /** The order closed (completed, voided, merged away): no more tickets will be made for it. */
    record TableDropped(String orderId) implements KitchenChange {}

    /** The kinds of {@link TicketChanged}; the names are wire values ({@code change} in docs/kitchen.md). */
    enum Change {
        /** A new ticket: items were rung up for this destination. */
        CREATED,
        /** Some units were taken off the order; the rest is still to be made. */
        ITEMS_CANCELLED,
        /** Units still to be made were changed (options, spec or note): the old way cancelled, the new way added. */
        ITEMS_CHANGED,
        /** Nothing is left to make: every unit was taken off, or the order was voided. */
        CANCELLED,
        /** The food goes to another table now (the order moved, or its table was renamed). */
        TABLE_CHANGED,
        /** The order was merged into another: the ticket now belongs to that order and its table. */
        MERGED,
        /** The kitchen is done with it. */
        BUMPED,
        /** A bumped ticket is back on the screen. */
        RECALLED
    }
}
