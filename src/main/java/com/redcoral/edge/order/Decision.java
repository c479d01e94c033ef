package com.redcoral.edge.order;

import java.util.List;

/** The outcome of deciding a command: the events to commit, or why nothing happens. */
public sealed interface Decision {

    /** An event not yet recorded: the payload and the order it belongs to. */
    record Change(String orderId, OrderEvent event) {}

    /**
     * The command is accepted. {@code orderId} is what the CommandResponse reports (the new order
     * for OPEN_TABLE, the target for MERGE_ORDERS); {@code changes} are committed together, in order.
     */
    record Accepted(String orderId, List<Change> changes) implements Decision {
        public Accepted {
            changes = List.copyOf(changes);
            if (changes.isEmpty()) {
                throw new IllegalArgumentException("an accepted command produces at least one event");
            }
        }
    }

    record Rejected(Rejection rejection) implements Decision {
        public ErrorCode code() {
            return rejection.code();
        }
    }
}
