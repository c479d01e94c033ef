package com.redcoral.edge.node;

import com.redcoral.edge.access.Identity;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The bridge sockets open on both listeners, each with who it is: what {@code pos.admin.connections}
 * lists, what {@code pos.auth.*} answers from, what a revocation closes, and where connections per
 * identity are counted. Shared by the listeners (each on its own event loop) and the
 * {@link ConnectionVerticle}; safe from any thread.
 *
 * <p>Connections per identity ({@code bridge.max_connections_per_identity}) are counted per credential —
 * one certificate, one token. Loopback sockets are not counted: they all share the listener's one
 * identity, come from the node's own machine, and the load generator and in-store tools open many.
 */
final class BridgeConnections {

    private static final System.Logger LOG = System.getLogger(BridgeConnections.class.getName());

    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final Map<String, Integer> perCredential = new HashMap<>();
    private final int maxPerIdentity;

    /** How {@link #admit} ended. */
    enum Admission { ADMITTED, TOO_MANY, REVOKED }

    BridgeConnections(int maxPerIdentity) {
        this.maxPerIdentity = maxPerIdentity;
    }

    /**
     * One open bridge socket. Its identity is null until it is known (a network socket without a
     * certificate, before its token login). The {@link BridgeGuard} of its listener changes the rest,
     * always on the socket's own context.
     */
    static final class Connection {
        final String id = UUID.randomUUID().toString();
        final SockJSSocket socket;
        final Context context;
        final String listener;
        final String remoteAddress;
        final long connectedAt;
        private volatile Identity identity;
        /** A token login is under way: its frame has gone to {@code pos.auth.login}, not yet answered. */
        volatile boolean loggingIn;
        /** The login under way was accepted (set before its answer is sent). */
        volatile boolean loginAccepted;
        /** The credential counted for it (see {@link #admit}); guarded by the registry. */
        private String counted;

        Connection(SockJSSocket socket, Context context, String listener, long connectedAt, Identity identity) {
            this.socket = socket;
            this.context = context;
            this.listener = listener;
            this.remoteAddress = String.valueOf(socket.remoteAddress());
            this.connectedAt = connectedAt;
            this.identity = identity;
        }

        Identity identity() {
            return identity;
        }

        /** Writes an {@code err} frame with {@code reason} and closes the socket, on its own context. */
        void refuse(String reason) {
            context.runOnContext(v -> {
                socket.write(Buffer.buffer(new JsonObject().put("type", "err").put("body", reason).encode()));
                socket.close();
            });
        }

        @Override
        public String toString() {
            Identity known = identity;
            return (known == null ? "a connection not logged in" : known.toString()) + " on the " + listener
                    + " listener from " + remoteAddress;
        }
    }

    void add(Connection connection) {
        open.put(connection.id, connection);
    }

    Optional<Connection> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(open.get(id));
    }

    /**
     * Makes {@code identity} the connection's, counting it against its credential's limit; then asks
     * {@code revoked} once more, so a revocation that raced with this admission still finds the connection
     * (the revocation looks for connections after it is written; this looks at it after the connection
     * is registered).
     */
    Admission admit(Connection connection, Identity identity, BooleanSupplier revoked) {
        String key = key(identity);
        if (key != null) {
            synchronized (perCredential) {
                int now = perCredential.getOrDefault(key, 0);
                if (now >= maxPerIdentity) {
                    return Admission.TOO_MANY;
                }
                uncount(connection);
                perCredential.put(key, now + 1);
                connection.counted = key;
            }
        }
        connection.identity = identity;
        return revoked.getAsBoolean() ? Admission.REVOKED : Admission.ADMITTED;
    }

    /** Forgets a closed connection. */
    void remove(Connection connection) {
        open.remove(connection.id);
        synchronized (perCredential) {
            uncount(connection);
        }
    }

    /** The connections whose identity is known, oldest first. */
    List<Connection> known() {
        return open.values().stream().filter(c -> c.identity != null)
                .sorted(Comparator.comparingLong((Connection c) -> c.connectedAt).thenComparing(c -> c.id)).toList();
    }

    /** How many connections have not logged in yet. */
    long awaitingLogin() {
        return open.values().stream().filter(c -> c.identity == null).count();
    }

    /** Closes every connection that holds the token {@code tokenId} or the certificate {@code serial}. */
    void closeRevoked(String tokenId, String serial) {
        for (Connection connection : open.values()) {
            Identity identity = connection.identity;
            if (identity != null && (tokenId != null && identity.source() == Identity.Source.TOKEN
                    && tokenId.equals(identity.credential()) || serial != null
                    && identity.source() == Identity.Source.CERTIFICATE && serial.equals(identity.credential()))) {
                LOG.log(System.Logger.Level.WARNING, "Closing " + connection + ": its "
                        + (tokenId != null ? "token" : "certificate") + " was revoked");
                connection.refuse("credential_revoked");
            }
        }
    }

    private void uncount(Connection connection) {
        if (connection.counted != null) {
            perCredential.computeIfPresent(connection.counted, (k, n) -> n > 1 ? n - 1 : null);
            connection.counted = null;
        }
    }

    /** The credential a connection is counted under; null for loopback. */
    private static String key(Identity identity) {
        return switch (identity.source()) {
            case TOKEN, CERTIFICATE -> identity.source().wireName() + ":" + identity.credential();
            case LOOPBACK, IN_PROCESS -> null;
        };
    }
}
