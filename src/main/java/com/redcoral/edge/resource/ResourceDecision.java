package com.redcoral.edge.resource;

import com.redcoral.edge.order.Rejection;

/** What {@link ResourceDecider} made of a command: one change to write, or why nothing changes. */
public sealed interface ResourceDecision {

    record Accepted(ResourceChange change) implements ResourceDecision {}

    record Rejected(Rejection rejection) implements ResourceDecision {}
}
