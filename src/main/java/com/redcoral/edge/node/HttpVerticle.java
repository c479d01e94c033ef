package com.redcoral.edge.node;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/**
 * The HTTP listener: the SockJS event-bus bridge at {@code /eventbus} (raw WebSocket at
 * {@code /eventbus/websocket}), {@code GET /health} and {@code GET /api/orders/active}. Every
 * answer comes from the verticles over the bus, as for any terminal.
 *
 * <p>The listener is plain HTTP on the configured host (loopback by default): TLS, client
 * identity and per-role permissions are added to {@link #serverOptions} and {@link #bridgeOptions}.
 */
final class HttpVerticle extends VerticleBase {

    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(2_000);

    private final NodeConfig config;
    private HttpServer server;

    HttpVerticle(NodeConfig config) {
        this.config = config;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/api/orders/active").handler(this::activeOrders);
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(bridgeOptions(), this::bridgeEvent));
        server = vertx.createHttpServer(serverOptions()).requestHandler(router);
        return server.listen();
    }

    HttpServerOptions serverOptions() {
        NodeConfig.Bridge limits = config.bridge();
        return new HttpServerOptions()
                .setHost(config.http().host())
                .setPort(config.http().port())
                .setMaxWebSocketFrameSize(limits.maxFrameBytes())
                .setMaxWebSocketMessageSize(limits.maxFrameBytes());
    }

    SockJSBridgeOptions bridgeOptions() {
        NodeConfig.Bridge limits = config.bridge();
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .setReplyTimeout(limits.replyTimeoutMs())
                .setPingTimeout(limits.pingTimeoutMs())
                .setMaxHandlersPerSocket(limits.maxHandlersPerSocket());
        Addresses.INBOUND.forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
        Addresses.OUTBOUND.forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
        return options;
    }

    /**
     * Every bridge event passes here. A socket that failed (an oversized frame, a broken
     * connection) is closed rather than left half-working; the rest is allowed.
     */
    private void bridgeEvent(BridgeEvent event) {
        if (event.type() == BridgeEventType.SOCKET_ERROR) {
            event.socket().close();
        }
        event.complete(true);
    }

    /** 200 with role, state and sequence while the node takes commands; 503 before and after. */
    private void health(RoutingContext rc) {
        vertx.eventBus().<JsonObject>request(Addresses.NODE_STATUS, new JsonObject(), QUICK)
                .map(reply -> reply.body())
                .otherwise(error -> new JsonObject().put("role", "primary").put("state", "starting"))
                .onSuccess(status -> rc.response()
                        .setStatusCode("serving".equals(status.getString("state")) ? 200 : 503)
                        .putHeader("content-type", "application/json")
                        .end(status.encode()));
    }

    private void activeOrders(RoutingContext rc) {
        vertx.eventBus().<JsonObject>request(Addresses.ORDERS_ACTIVE, new JsonObject(), QUICK)
                .onSuccess(reply -> rc.response().putHeader("content-type", "application/json")
                        .end(reply.body().encode()))
                .onFailure(error -> rc.response().setStatusCode(503).putHeader("content-type", "application/json")
                        .end(WireJson.error("NOT_READY", "the node is starting").encode()));
    }
}
