package com.redcoral.edge.client;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * The bridge refused a frame before it reached the bus: the address is not permitted to this
 * socket ({@code access_denied}), a bridge hook rejected it ({@code rejected}), or a limit was hit.
 * It is a {@link ReplyException} of type {@code ERROR}, so code that handles failures of the local
 * bus handles this one too.
 *
 * <p>The node also refuses whole connections this way ({@link #address()} then names no frame, or the
 * login address): a token login answered {@code AUTHENTICATION_FAILED}, a WebSocket upgrade answered
 * 403 ({@code ACCESS_DENIED}: a revoked certificate, one naming no role), and the {@code err} frames after
 * which it closes a socket — {@code credential_revoked}, {@code auth_required}, {@code too_many_connections}.
 * {@link #credentialRefused()} tells those that only a new credential can get past.
 */
public final class BridgeRefusedException extends ReplyException {

    private final String address;
    private final String reason;

    public BridgeRefusedException(String address, String reason) {
        this(address, reason, address == null
                ? "the bridge refused a frame: " + reason
                : "the bridge refused the frame for " + address + ": " + reason);
    }

    private BridgeRefusedException(String address, String reason, String message) {
        super(ReplyFailure.ERROR, -1, message);
        this.address = address;
        this.reason = reason;
    }

    /** The node refused the connection itself, or is closing it, for {@code reason}; no frame is blamed. */
    public static BridgeRefusedException connection(String reason) {
        return new BridgeRefusedException(null, reason, "the node refused the connection: " + reason);
    }

    /** The address of the refused frame, or {@code null} when no frame could be blamed. */
    public String address() {
        return address;
    }

    /** The bridge's word for it, such as {@code access_denied}, or the node's error code and message. */
    public String reason() {
        return reason;
    }

    /**
     * Whether the node refused the connection's credential, so that trying again with it cannot help:
     * an unknown, malformed or revoked token ({@code AUTHENTICATION_FAILED}), a revoked certificate or
     * one that names no role ({@code ACCESS_DENIED}), a token or certificate revoked while connected
     * ({@code credential_revoked}), or no credential where the node requires one ({@code auth_required}).
     * Not {@code too_many_connections}: that passes once another connection of the same credential closes.
     */
    public boolean credentialRefused() {
        return reason != null && (reason.startsWith("AUTHENTICATION_FAILED") || reason.startsWith("ACCESS_DENIED")
                || reason.equals("credential_revoked") || reason.equals("auth_required"));
    }
}
