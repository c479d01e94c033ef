package com.redcoral.edge.client;

import io.vertx.core.VertxException;

/**
 * The node answered a read with {@code {"success": false, "error": {code, message}}} (PROTOCOL.md §1),
 * for instance {@code ORDER_NOT_FOUND} or {@code INVALID_REQUEST}. Commands are different: a refused
 * command is an ordinary {@link com.redcoral.edge.wire.CommandResponse} with {@code success: false}.
 */
public final class RequestRefusedException extends VertxException {

    private final String address;
    private final String code;

    public RequestRefusedException(String address, String code, String message) {
        super(address + " refused: " + code + (message == null || message.isEmpty() ? "" : ": " + message), true);
        this.address = address;
        this.code = code;
    }

    /** The address the request went to. */
    public String address() {
        return address;
    }

    /** The node's error code, such as {@code ORDER_NOT_FOUND}. */
    public String code() {
        return code;
    }
}
