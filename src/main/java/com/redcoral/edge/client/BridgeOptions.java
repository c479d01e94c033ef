package com.redcoral.edge.client;

import io.vertx.core.http.WebSocketClientOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link BridgeConnection} talks to the bridge.
 *
 * @param client the WebSocket client's options: TLS trust and client certificates for {@code wss},
 *     timeouts, frame limits. Copied when a connection is made.
 * @param pingInterval how often the connection pings; it must be shorter than the bridge's ping
 *     timeout (the node's {@code bridge.ping_timeout_ms}), or the bridge closes the socket as idle
 * @param maxPendingRequests requests that may await their reply at once. The bridge refuses a
 *     request beyond its {@code max_handlers_per_socket} (which also counts registrations) without
 *     saying which one; this limit fails such a request here, clearly, instead
 */
public record BridgeOptions(WebSocketClientOptions client, Duration pingInterval, int maxPendingRequests) {

    /** Replies such as a full sync can be large; the WebSocket default (256 KiB) is too small. */
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    public BridgeOptions {
        Objects.requireNonNull(client, "client");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (maxPendingRequests < 1) {
            throw new IllegalArgumentException("maxPendingRequests must be positive");
        }
    }

    /** Plain WebSocket, a ping every 5 s, at most 64 requests in flight. */
    public static BridgeOptions defaults() {
        return new BridgeOptions(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES),
                Duration.ofSeconds(5), 64);
    }

    public BridgeOptions withClient(WebSocketClientOptions client) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests);
    }

    public BridgeOptions withPingInterval(Duration pingInterval) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests);
    }

    public BridgeOptions withMaxPendingRequests(int maxPendingRequests) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests);
    }
}
