package com.redcoral.edge.node;

import com.redcoral.edge.access.BridgePolicy;
import com.redcoral.edge.access.Identity;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The bridge's event handler on one listener: binds an identity to each socket, and lets a frame through
 * only when that identity may send it.
 *
 * <ul>
 *   <li><b>Identity.</b> A socket is known from its listener (loopback: the configured role) or its TLS
 *       client certificate; a network socket without one must log in with a token as its first frame
 *       ({@code send} to {@code pos.auth.login} with a reply address), answered by
 *       {@link ConnectionVerticle}. Any other frame first — or while the login is being answered — gets the
 *       {@code err} frame {@code auth_required} and the socket closes; so does a socket that has not logged
 *       in within the ping timeout. A refused login closes the socket once its answer is written. A loopback
 *       socket may log in too, once: it then has the token's identity. Pings are always allowed (the
 *       official JavaScript client pings before its first frame).</li>
 *   <li><b>Roles.</b> {@link BridgePolicy} decides sends, publishes and registrations: a known address
 *       the role may not use gets {@code rejected} and a WARNING naming the socket's identity; an unknown
 *       one is left to the bridge ({@code access_denied}). A socket may send to a reply address only while
 *       a reply from it is awaited (a message with that reply address was delivered to it); any other
 *       {@code __vertx.reply.*} address is a forged reply and is rejected. What reaches a socket is checked
 *       again against its current identity, so a registration made before a login narrowed it stops
 *       delivering.</li>
 *   <li><b>Identity header.</b> Every message a socket sends carries {@value CredentialVerticle#IDENTITY_HEADER}
 *       ({@link Identity#toString()}) and {@value #SOCKET_HEADER} (its connection), set here; any
 *       {@code redcoral-*} header the client sent is dropped.</li>
 *   <li><b>Connections per identity</b> are counted in {@link BridgeConnections}; one too many is refused
 *       with {@code too_many_connections}.</li>
 * </ul>
 *
 * Runs on its listener's event loop only: the per-socket state here needs no locks.
 */
final class BridgeGuard implements Handler<BridgeEvent> {

    /** The header naming the connection a message came from; never taken from the client. */
    static final String SOCKET_HEADER = "redcoral-socket";
    private static final String OWN_HEADERS = "redcoral-";
    /** How the event bus names reply addresses, here and in a cluster. */
    private static final String REPLY_PREFIX = "__vertx.reply.";
    private static final int PRUNE_AT = 64;
    private static final System.Logger LOG = System.getLogger(BridgeGuard.class.getName());

    private final Vertx vertx;
    private final String listener;
    private final BridgeConnections connections;
    private final Function<SockJSSocket, Identity> identityOf;
    private final Function<Identity, BooleanSupplier> revoked;
    private final long loginDeadlineMs;
    private final long replyTimeoutMs;
    private final Map<SockJSSocket, Socket> sockets = new HashMap<>();

    /** What the guard knows of one socket. */
    private static final class Socket {
        final BridgeConnections.Connection connection;
        /** A network socket without a certificate, until its login is accepted. */
        boolean loginRequired;
        /** Whether it has logged in with a token (a socket logs in at most once). */
        boolean loggedIn;
        /** The reply address of the login being answered; null when none is. */
        String loginReply;
        long loginTimer = -1;
        /** Reply addresses of messages delivered to this socket, with when the bridge stops awaiting them. */
        final Map<String, Long> awaitedReplies = new HashMap<>();

        Socket(BridgeConnections.Connection connection) {
            this.connection = connection;
        }
    }

    /**
     * @param identityOf who a new socket is from its upgrade request: the listener's identity, the
     *                   certificate's, or null when it must log in
     * @param revoked    asks whether an identity's credential has been revoked since it was checked
     */
    BridgeGuard(Vertx vertx, String listener, BridgeConnections connections, Function<SockJSSocket, Identity> identityOf,
                Function<Identity, BooleanSupplier> revoked, long loginDeadlineMs, long replyTimeoutMs) {
        this.vertx = vertx;
        this.listener = listener;
        this.connections = connections;
        this.identityOf = identityOf;
        this.revoked = revoked;
        this.loginDeadlineMs = loginDeadlineMs;
        this.replyTimeoutMs = replyTimeoutMs;
    }

    @Override
    public void handle(BridgeEvent event) {
        BridgeEventType type = event.type();
        if (type == BridgeEventType.SOCKET_CREATED) {
            created(event);
            return;
        }
        Socket socket = sockets.get(event.socket());
        if (socket == null) { // closed, or refused when it was created
            event.complete(type == BridgeEventType.SOCKET_CLOSED || type == BridgeEventType.UNREGISTER);
            return;
        }
        switch (type) {
            case SOCKET_CLOSED -> closed(event, socket);
            case SOCKET_ERROR -> { // an oversized frame, a broken connection: closed, not left half-working
                event.socket().close();
                event.complete(true);
            }
            case SEND, PUBLISH -> inbound(event, socket);
            case REGISTER -> register(event, socket);
            case UNREGISTER -> {
                if (socket.loginRequired || socket.loginReply != null) {
                    authRequired(event, socket, "unregister from " + address(event));
                } else {
                    event.complete(true);
                }
            }
            case RECEIVE -> receive(event, socket);
            default -> event.complete(true); // pings, idle checks, completed registrations
        }
    }

    private void created(BridgeEvent event) {
        SockJSSocket sock = event.socket();
        Identity identity = identityOf.apply(sock);
        BridgeConnections.Connection connection = new BridgeConnections.Connection(sock, vertx.getOrCreateContext(),
                listener, System.currentTimeMillis(), null);
        Socket socket = new Socket(connection);
        connections.add(connection);
        if (identity == null) {
            socket.loginRequired = true;
            socket.loginTimer = vertx.setTimer(loginDeadlineMs, id -> loginOverdue(socket));
        } else {
            BridgeConnections.Admission admission = connections.admit(connection, identity, revoked.apply(identity));
            if (admission != BridgeConnections.Admission.ADMITTED) {
                LOG.log(System.Logger.Level.WARNING, "Refused " + identity + " on the " + listener + " listener from "
                        + connection.remoteAddress + ": " + (admission
                        == BridgeConnections.Admission.TOO_MANY ? "too many connections for one identity"
                        : "its credential was revoked"));
                connections.remove(connection);
                write(sock, admission == BridgeConnections.Admission.TOO_MANY ? "too_many_connections"
                        : "credential_revoked");
                event.complete(false); // the bridge closes the socket
                return;
            }
            if (identity.source() != Identity.Source.LOOPBACK) {
                LOG.log(System.Logger.Level.INFO, "Connected: " + connection);
            }
        }
        sockets.put(sock, socket);
        event.complete(true);
    }

    private void closed(BridgeEvent event, Socket socket) {
        sockets.remove(event.socket());
        vertx.cancelTimer(socket.loginTimer);
        connections.remove(socket.connection);
        Identity identity = socket.connection.identity();
        if (identity != null && identity.source() != Identity.Source.LOOPBACK) {
            LOG.log(System.Logger.Level.INFO, "Disconnected: " + socket.connection);
        }
        event.complete(true);
    }

    private void inbound(BridgeEvent event, Socket socket) {
        JsonObject frame = event.getRawMessage();
        String address = frame.getString("address");
        boolean send = event.type() == BridgeEventType.SEND;
        String what = (send ? "send to " : "publish to ") + address;
        if (socket.loginReply != null) {
            authRequired(event, socket, what + " while its login is being answered");
            return;
        }
        if (send && Addresses.AUTH_LOGIN.equals(address) && mayLogIn(socket)) {
            String replyAddress = frame.getString("replyAddress");
            if (replyAddress == null) {
                authRequired(event, socket, "a login without a reply address");
                return;
            }
            socket.loginReply = replyAddress;
            socket.connection.loggingIn = true;
            stamp(frame, socket.connection);
            event.complete(true);
            return;
        }
        if (socket.loginRequired) {
            authRequired(event, socket, what);
            return;
        }
        if (send && awaited(socket, address)) {
            stamp(frame, socket.connection);
            event.complete(true);
            return;
        }
        Identity identity = socket.connection.identity();
        BridgePolicy.Verdict verdict = BridgePolicy.check(identity,
                send ? BridgePolicy.Kind.SEND : BridgePolicy.Kind.PUBLISH, address, body(frame));
        if (verdict == BridgePolicy.Verdict.ALLOWED) {
            stamp(frame, socket.connection);
            event.complete(true);
        } else if (verdict == BridgePolicy.Verdict.UNKNOWN && (address == null || !address.startsWith(REPLY_PREFIX))) {
            event.complete(true); // the bridge answers access_denied, as for anyone
        } else {
            reject(event, socket, verdict == BridgePolicy.Verdict.REJECTED ? what + ": not for its role"
                    : what + ": a reply address that awaits no reply from this connection");
        }
    }

    private void register(BridgeEvent event, Socket socket) {
        String address = address(event);
        if (socket.loginRequired || socket.loginReply != null) {
            authRequired(event, socket, "register for " + address);
            return;
        }
        if (BridgePolicy.check(socket.connection.identity(), BridgePolicy.Kind.REGISTER, address, null)
                == BridgePolicy.Verdict.REJECTED) {
            reject(event, socket, "register for " + address + ": not for its role");
        } else {
            event.complete(true); // allowed, or unknown: then the bridge answers access_denied
        }
    }

    /**
     * A message on its way to the socket: the answer to its login applies here; a reply address it
     * carries is one this socket may now send to; a registered address must still suit its identity.
     */
    private void receive(BridgeEvent event, Socket socket) {
        JsonObject envelope = event.getRawMessage();
        String address = envelope.getString("address");
        if (socket.loginReply != null && socket.loginReply.equals(address)) {
            answered(event, socket);
            return;
        }
        Identity identity = socket.connection.identity();
        if (identity == null || socket.loginRequired || BridgePolicy.check(identity, BridgePolicy.Kind.REGISTER,
                address, null) == BridgePolicy.Verdict.REJECTED) {
            event.complete(false); // not delivered
            return;
        }
        String replyAddress = envelope.getString("replyAddress");
        if (replyAddress != null) {
            await(socket, replyAddress);
        }
        event.complete(true);
    }

    private void answered(BridgeEvent event, Socket socket) {
        BridgeConnections.Connection connection = socket.connection;
        socket.loginReply = null;
        connection.loggingIn = false;
        if (connection.loginAccepted) {
            connection.loginAccepted = false;
            socket.loginRequired = false;
            socket.loggedIn = true;
            vertx.cancelTimer(socket.loginTimer);
            LOG.log(System.Logger.Level.INFO, "Logged in: " + connection);
            event.complete(true);
        } else {
            event.complete(true); // the refusal is written first, then the socket closes
            vertx.runOnContext(v -> event.socket().close());
        }
    }

    private boolean mayLogIn(Socket socket) {
        Identity identity = socket.connection.identity();
        return socket.loginRequired || !socket.loggedIn && identity != null
                && identity.source() == Identity.Source.LOOPBACK;
    }

    private void loginOverdue(Socket socket) {
        if (socket.loginRequired && sockets.containsKey(socket.connection.socket)) {
            LOG.log(System.Logger.Level.INFO, "Closing " + socket.connection + ": it did not log in within "
                    + loginDeadlineMs + " ms");
            write(socket.connection.socket, "auth_required");
            socket.connection.socket.close();
        }
    }

    private void authRequired(BridgeEvent event, Socket socket, String what) {
        LOG.log(System.Logger.Level.WARNING, "Refused " + what + " from " + socket.connection
                + ": the first frame must log in (pos.auth.login); closing it");
        write(event.socket(), "auth_required");
        event.socket().close();
        event.complete(false);
    }

    private void reject(BridgeEvent event, Socket socket, String what) {
        LOG.log(System.Logger.Level.WARNING, "Refused " + what + ", from " + socket.connection);
        event.complete(false); // the bridge answers rejected
    }

    private boolean awaited(Socket socket, String address) {
        Long until = socket.awaitedReplies.remove(address);
        return until != null && until > System.currentTimeMillis();
    }

    private void await(Socket socket, String replyAddress) {
        long now = System.currentTimeMillis();
        if (socket.awaitedReplies.size() >= PRUNE_AT) {
            for (Iterator<Long> it = socket.awaitedReplies.values().iterator(); it.hasNext(); ) {
                if (it.next() <= now) {
                    it.remove();
                }
            }
        }
        socket.awaitedReplies.put(replyAddress, now + replyTimeoutMs);
    }

    /** Sets the node's headers on a frame from a socket, dropping any {@code redcoral-*} header the client sent. */
    private static void stamp(JsonObject frame, BridgeConnections.Connection connection) {
        JsonObject headers = new JsonObject();
        if (frame.getValue("headers") instanceof JsonObject given) {
            given.forEach(h -> {
                if (!h.getKey().toLowerCase(Locale.ROOT).startsWith(OWN_HEADERS)) {
                    headers.put(h.getKey(), h.getValue());
                }
            });
        }
        Identity identity = connection.identity();
        if (identity != null) {
            headers.put(CredentialVerticle.IDENTITY_HEADER, identity.toString());
        }
        headers.put(SOCKET_HEADER, connection.id);
        frame.put("headers", headers);
    }

    private static Map<String, Object> body(JsonObject frame) {
        return frame.getValue("body") instanceof JsonObject body ? body.getMap() : null;
    }

    private static String address(BridgeEvent event) {
        return event.getRawMessage() == null ? null : event.getRawMessage().getString("address");
    }

    private static void write(SockJSSocket socket, String reason) {
        socket.write(Buffer.buffer(new JsonObject().put("type", "err").put("body", reason).encode()));
    }
}
