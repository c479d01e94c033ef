package com.redcoral.edge.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A terminal across the network: a {@link BridgeConnection} to the node's event-bus bridge
 * ({@code ws://…/eventbus/websocket} on the loopback listener, {@code wss://} with TLS, a client
 * certificate or a token — all of it in the {@link BridgeOptions}). A link is one WebSocket; it is
 * lost when the socket closes, whoever closed it (the node, a network failure, a proxy), or when the
 * terminal's heartbeat gets no answer. When the node said why it closed the socket (a revoked credential),
 * that is the reason the link was lost.
 */
final class BridgeTransport implements TerminalTransport {

    private static final System.Logger LOG = System.getLogger(BridgeTransport.class.getName());

    private final Vertx vertx;
    private final URI bridge;
    private final BridgeOptions options;

    BridgeTransport(Vertx vertx, URI bridge, BridgeOptions options) {
        this.vertx = vertx;
        this.bridge = bridge;
        this.options = options;
    }

    @Override
    public Future<Link> open(Lost lost) {
        return BridgeConnection.connect(vertx, bridge, options).map(connection -> {
            BridgeLink link = new BridgeLink(connection);
            // A refused frame is worth a warning; a socket error ends in a close, which the terminal reports.
            connection.exceptionHandler(e -> LOG.log(e instanceof BridgeRefusedException
                    ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                    "the bridge at " + bridge + ": " + e.getMessage()));
            connection.closeHandler(v -> {
                if (!link.closing) {
                    lost.lost(link, connection.refusal().<Throwable>map(refusal -> refusal)
                            .orElseGet(() -> new HttpClosedException("the bridge connection to " + bridge + " closed")));
                }
            });
            return link;
        });
    }

    @Override
    public String describe() {
        return bridge.toString();
    }

    private static final class BridgeLink implements Link {

        private final BridgeConnection connection;
        private boolean closing;

        BridgeLink(BridgeConnection connection) {
            this.connection = connection;
        }

        @Override
        public Future<JsonObject> request(String address, JsonObject body, Duration timeout) {
            return connection.request(address, body, timeout);
        }

        @Override
        public Future<Void> register(String address, Handler<JsonObject> handler) {
            return connection.register(address, handler);
        }

        @Override
        public Future<Void> close() {
            closing = true;
            return connection.close();
        }

        @Override
        public Optional<Throwable> endedBy() {
            return connection.refusal().map(refusal -> refusal);
        }
    }
}
