package com.redcoral.edge.client;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The bridge refused a frame before it reached the bus: the address is not permitted to this
 * socket ({@code access_denied}), a bridge hook rejected it ({@code rejected}), or a limit was hit.
 * It is a {@link ReplyException} of type {@code ERROR}, so code that handles failures of the local
 * bus handles this one too.
 */
public final class BridgeRefusedException extends ReplyException {

    private final String address;
    private final String reason;

    public BridgeRefusedException(String address, String reason) {
        super(ReplyFailure.ERROR, -1, address == null
                ? "the bridge refused a frame: " + reason
                : "the bridge refused the frame for " + address + ": " + reason);
        this.address = address;
        this.reason = reason;
    }

    /** The address of the refused frame, or {@code null} when no frame could be blamed. */
    public String address() {
        return address;
    }

    /** The bridge's word for it, such as {@code access_denied}. */
    public String reason() {
        return reason;
    }
}
