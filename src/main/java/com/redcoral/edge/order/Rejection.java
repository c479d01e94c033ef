package com.redcoral.edge.order;

import java.util.Objects;

/** Why a command was refused: a protocol error code and a message a cashier can read. */
public record Rejection(ErrorCode code, String message) {

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
