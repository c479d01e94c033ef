package com.redcoral.edge.node;

import com.redcoral.edge.access.Credentials;
import com.redcoral.edge.access.Identity;
import com.redcoral.edge.order.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Who is connected: {@code pos.auth.login} (a token login, the first frame of a network socket without a
 * certificate), {@code pos.auth.identity} (who the node takes the caller for), {@code pos.admin.connections}
 * (the bridge sockets open now) and, in the JVM, {@code edge.credentials.revoked} (the connections of a
 * revoked token or certificate are closed). The listeners' {@link BridgeGuard}s name the socket a message
 * comes from in the {@value BridgeGuard#SOCKET_HEADER} header; a message without one comes from inside the
 * node's JVM.
 */
final class ConnectionVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(ConnectionVerticle.class.getName());

    private final BridgeConnections connections;
    private final Credentials credentials;
    private final int maxPerIdentity;

    ConnectionVerticle(BridgeConnections connections, Credentials credentials, int maxPerIdentity) {
        this.connections = connections;
        this.credentials = credentials;
        this.maxPerIdentity = maxPerIdentity;
    }

    @Override
    public Future<?> start() {
        var bus = vertx.eventBus();
        return Future.all(List.of(
                bus.<Object>consumer(Addresses.AUTH_LOGIN, this::login).completion(),
                bus.<Object>consumer(Addresses.AUTH_IDENTITY, this::identity).completion(),
                bus.<Object>consumer(Addresses.ADMIN_CONNECTIONS, this::list).completion(),
                bus.<JsonObject>localConsumer(Addresses.CREDENTIALS_REVOKED, m -> connections.closeRevoked(
                        m.body().getString("token_id"), m.body().getString("serial"))).completion()));
    }

    /**
     * {@code {token}} → the identity, or AUTHENTICATION_FAILED (unknown, malformed or revoked token; no
     * login under way on this connection) or TOO_MANY_CONNECTIONS. The connection's guard applies the
     * answer when it passes back through the bridge: a refused login closes the socket there.
     */
    private void login(Message<Object> message) {
        Optional<BridgeConnections.Connection> from = connection(message);
        if (from.isEmpty()) {
            refuse(message, ErrorCode.AUTHENTICATION_FAILED, "pos.auth.login is for bridge connections");
            return;
        }
        BridgeConnections.Connection connection = from.get();
        if (!connection.loggingIn) {
            refuse(message, ErrorCode.AUTHENTICATION_FAILED, "this connection is already known as "
                    + connection.identity() + "; it logs in once, before anything else");
            return;
        }
        String token = message.body() instanceof JsonObject body && body.getValue("token") instanceof String t
                ? t : null;
        Optional<Identity> identity = credentials.token(token);
        if (identity.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Refused a token login on the " + connection.listener
                    + " listener from " + connection.remoteAddress + ": "
                    + (token == null ? "no token" : "an unknown, malformed or revoked token"));
            refuse(message, ErrorCode.AUTHENTICATION_FAILED, token == null ? "token: is required"
                    : "the token is unknown, malformed or revoked");
            return;
        }
        switch (connections.admit(connection, identity.get(), () -> credentials.token(token).isEmpty())) {
            case ADMITTED -> {
                connection.loginAccepted = true;
                message.reply(identity(identity.get()));
            }
            case TOO_MANY -> {
                LOG.log(System.Logger.Level.WARNING, "Refused a token login of " + identity.get() + " on the "
                        + connection.listener + " listener from " + connection.remoteAddress + ": it has "
                        + maxPerIdentity + " connections open already");
                refuse(message, ErrorCode.TOO_MANY_CONNECTIONS, identity.get().name() + " has " + maxPerIdentity
                        + " connections open already (bridge.max_connections_per_identity)");
            }
            case REVOKED -> refuse(message, ErrorCode.AUTHENTICATION_FAILED,
                    "the token is unknown, malformed or revoked");
        }
    }

    /** {@code {}} → who the caller is: its connection's identity, or in-process (admin) without one. */
    private void identity(Message<Object> message) {
        if (message.headers().get(BridgeGuard.SOCKET_HEADER) == null) {
            message.reply(identity(Identity.IN_PROCESS));
            return;
        }
        Identity identity = connection(message).map(BridgeConnections.Connection::identity).orElse(null);
        if (identity == null) {
            refuse(message, ErrorCode.AUTHENTICATION_FAILED, "this connection has not logged in");
        } else {
            message.reply(identity(identity));
        }
    }

    /** {@code {}} → {@code {success, connections: [...], awaiting_login}}: the sockets open on both listeners. */
    private void list(Message<Object> message) {
        JsonArray list = new JsonArray();
        for (BridgeConnections.Connection c : connections.known()) {
            Identity identity = c.identity();
            list.add(new JsonObject().put("name", identity.name()).put("role", identity.role().wireName())
                    .put("destination_id", identity.destination()).put("source", identity.source().wireName())
                    .put("credential", identity.credential()).put("listener", c.listener)
                    .put("remote_address", c.remoteAddress).put("connected_at", c.connectedAt));
        }
        message.reply(new JsonObject().put("success", true).put("connections", list)
                .put("awaiting_login", connections.awaitingLogin()));
    }

    private Optional<BridgeConnections.Connection> connection(Message<Object> message) {
        return connections.get(message.headers().get(BridgeGuard.SOCKET_HEADER));
    }

    static JsonObject identity(Identity identity) {
        return new JsonObject().put("success", true).put("name", identity.name())
                .put("role", identity.role().wireName()).put("destination_id", identity.destination())
                .put("source", identity.source().wireName());
    }

    private static void refuse(Message<Object> message, ErrorCode code, String why) {
        message.reply(WireJson.error(code.name(), why));
    }
}
