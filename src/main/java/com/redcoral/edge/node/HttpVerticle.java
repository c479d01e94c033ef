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
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import java.util.Objects;

/**
 * The HTTP listener: the SockJS event-bus bridge at {@code /eventbus} (raw WebSocket at
 * {@code /eventbus/websocket}), {@code GET /health}, {@code GET /api/orders/active}, the resource
 * reads ({@code GET /api/sync/status}, {@code GET /api/resources/{type}}) and the admin's resource
 * writes. Every answer comes from the verticles over the bus, as for any terminal.
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
        router.get("/api/orders/active").handler(rc -> forward(rc, Addresses.ORDERS_ACTIVE, new JsonObject()));
        router.get("/api/sync/status").handler(rc -> forward(rc, Addresses.RESOURCES_STATUS, new JsonObject()));
        router.get("/api/resources/:type").handler(rc -> forward(rc, Addresses.RESOURCES_LIST,
                new JsonObject().put("resource", rc.pathParam("type"))));
        router.route("/api/resources/*").handler(BodyHandler.create(false).setBodyLimit(config.bridge().maxFrameBytes()));
        router.post("/api/resources/:type").handler(rc -> change(rc, "create"));
        router.put("/api/resources/:type/:id").handler(rc -> change(rc, "update"));
        router.delete("/api/resources/:type/:id").handler(rc -> change(rc, "delete"));
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
        options.addOutboundPermitted(new PermittedOptions().setAddressRegex(Addresses.KITCHEN_ANY));
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

    /**
     * Answers a read with what its address replies: 400 for INVALID_REQUEST, 503 while the node is
     * starting (nothing answers yet).
     */
    private void forward(RoutingContext rc, String address, JsonObject body) {
        vertx.eventBus().<JsonObject>request(address, body, QUICK)
                .onSuccess(reply -> json(rc, reply.body().getBoolean("success", true) ? 200 : 400, reply.body()))
                .onFailure(error -> json(rc, 503, WireJson.error("NOT_READY", "the node is starting")));
    }

    /**
     * An admin write: {@code POST /api/resources/{type}} creates, {@code PUT …/{id}} updates and
     * {@code DELETE …/{id}} deletes. The JSON body holds the rest of the ResourceCommand ({@code data},
     * {@code expected_version}, {@code operator_id}, {@code operator_pin}); the reply is its
     * ResourceResponse, with an HTTP status that says the same.
     */
    private void change(RoutingContext rc, String action) {
        JsonObject command;
        try {
            command = rc.body().isEmpty() ? new JsonObject() : Objects.requireNonNull(rc.body().asJsonObject());
        } catch (RuntimeException notAnObject) { // not JSON, another JSON value, or null
            json(rc, 400, WireJson.error("INVALID_COMMAND", "body: must be a JSON object"));
            return;
        }
        String id = rc.pathParam("id");
        if (id != null && command.containsKey("id") && !id.equals(command.getValue("id"))) {
            json(rc, 400, WireJson.error("INVALID_COMMAND", "id: the path names " + id + ", the body "
                    + command.getValue("id")));
            return;
        }
        command.put("resource", rc.pathParam("type")).put("action", action);
        if (id != null) {
            command.put("id", id);
        }
        vertx.eventBus().<JsonObject>request(Addresses.RESOURCES_COMMAND, command)
                .onSuccess(reply -> json(rc, status(reply.body(), action), reply.body()))
                .onFailure(error -> json(rc, 503, WireJson.error("NOT_READY", "the node is starting")));
    }

    private static int status(JsonObject response, String action) {
        if (response.getBoolean("success", false)) {
            return "create".equals(action) ? 201 : 200;
        }
        return switch (response.getJsonObject("error").getString("code")) {
            case "INVALID_COMMAND" -> 400;
            case "UNKNOWN_OPERATOR", "AUTHORIZATION_FAILED" -> 401;
            case "AUTHORIZATION_REQUIRED" -> 403;
            case "RESOURCE_NOT_FOUND" -> 404;
            case "AUTHORIZATION_THROTTLED" -> 429;
            case "STORAGE_UNAVAILABLE" -> 503;
            default -> 409; // VERSION_CONFLICT, RESOURCE_EXISTS, RESOURCE_IN_USE, NO_MANAGER_LEFT
        };
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }
}
