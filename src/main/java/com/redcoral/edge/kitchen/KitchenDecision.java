package com.redcoral.edge.kitchen;

import com.redcoral.edge.order.Rejection;

/** The outcome of a {@link KitchenCommand}. */
public sealed interface KitchenDecision {

    /** The ticket changed: store, fold in and publish {@code change}. */
    record Changed(KitchenChange.TicketChanged change) implements KitchenDecision {}

    /** The ticket already is as asked (bumped twice, recalled while open): nothing to write or publish. */
    record Unchanged(KitchenTicket ticket) implements KitchenDecision {}

    record Rejected(Rejection rejection) implements KitchenDecision {}
}
