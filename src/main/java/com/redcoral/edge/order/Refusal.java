package com.redcoral.edge.order;

/**
 * A rejection on its way out of the depths of a decision: thrown by a decider's checks, caught at
 * the decider's entry and returned as a value there, so it never reaches a caller. Carries no stack
 * trace — it is an answer, not a fault.
 */
public final class Refusal extends RuntimeException {

    private final transient Rejection rejection;

    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.rejection = new Rejection(code, message);
    }

    public Rejection rejection() {
        return rejection;
    }
}
