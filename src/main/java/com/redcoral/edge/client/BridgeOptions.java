package com.redcoral.edge.client;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
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
 * @param token a terminal token ({@code rct_…}) the connection logs in with, as its first frame, before
 *     anything else (a browser's or a headless display's way in without a client certificate); null
 *     when the connection is known otherwise (its certificate, or the loopback listener). A secret:
 *     {@link #toString()} never shows it.
 */
public record BridgeOptions(WebSocketClientOptions client, Duration pingInterval, int maxPendingRequests,
                            String token) {

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
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /** Plain WebSocket, a ping every 5 s, at most 64 requests in flight. */
    public static BridgeOptions defaults() {
        return new BridgeOptions(new WebSocketClientOptions().setMaxMessageSize(MAX_MESSAGE_BYTES),
                Duration.ofSeconds(5), 64, null);
    }

    public BridgeOptions withClient(WebSocketClientOptions client) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests, token);
    }

    public BridgeOptions withPingInterval(Duration pingInterval) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests, token);
    }

    public BridgeOptions withMaxPendingRequests(int maxPendingRequests) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests, token);
    }

    /** Says whether there is a token, never what it is: options end up in log lines and failure messages. */
    @Override
    public String toString() {
        return "BridgeOptions[pingInterval=" + pingInterval + ", maxPendingRequests=" + maxPendingRequests
                + ", ssl=" + client.isSsl() + ", token=" + (token == null ? "none" : "(hidden)") + "]";
    }

    /** Logs in with this terminal token (see {@link #token}). */
    public BridgeOptions withToken(String token) {
        return new BridgeOptions(client, pingInterval, maxPendingRequests, Objects.requireNonNull(token, "token"));
    }

    /**
     * Speaks TLS ({@code wss://}) and trusts the node whose certificate the store CA in {@code caPem}
     * signed (the node's {@code ca.pem}); the node's name is checked against its certificate.
     */
    public BridgeOptions withTrust(Path caPem) {
        return withClient(new WebSocketClientOptions(client).setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(caPem.toString())));
    }

    /** Presents this client certificate (PEM, signed by the store CA) and its private key (PEM, PKCS#8). */
    public BridgeOptions withCertificate(Path certPem, Path keyPem) {
        return withClient(new WebSocketClientOptions(client).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPem.toString())
                        .setKeyPath(keyPem.toString())));
    }
}
