package com.redcoral.edge.client;

import com.redcoral.edge.client.RefusalTracker.Frame;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A terminal's end of the node's event-bus bridge, over a raw WebSocket
 * ({@code ws://host:port/eventbus/websocket}, or {@code wss://} with TLS in
 * {@link BridgeOptions#client()}): the same addresses and JSON bodies as on the local bus.
 *
 * <p><b>Threading.</b> A connection lives on the Vert.x context it was connected from (a new
 * event-loop context when connected from outside Vert.x). Its handlers run and its futures complete
 * there. Its methods may be called from any thread: from elsewhere they hop onto that context, so
 * calls made from one thread keep their order.
 *
 * <p><b>Failures</b> look like the local bus's: a request fails with a {@link ReplyException}
 * ({@code NO_HANDLERS}; {@code RECIPIENT_FAILURE} with the handler's code and message;
 * {@code TIMEOUT}), with a {@link BridgeRefusedException} when the bridge refuses it (matched to
 * it by {@link RefusalTracker}), and with an {@link HttpClosedException} when the socket closes
 * before the reply. What belongs to no request goes to the {@link #exceptionHandler}.
 *
 * <p><b>Refused connections.</b> A token the node refuses, or a WebSocket upgrade it answers with 403 (a
 * revoked certificate), fails {@link #connect} with a {@link BridgeRefusedException}. The {@code err}
 * frames after which the node closes a socket ({@code credential_revoked}, {@code auth_required},
 * {@code too_many_connections}) are kept as its {@link #refusal()}, so that whoever sees it close can tell
 * why. {@code auth_required} answers the frame sent first (which it fails, like any refusal);
 * {@code credential_revoked} and {@code too_many_connections} answer no frame (a request in flight then
 * fails as the socket closes, its outcome unknown) and go to the exception handler.
 */
public final class BridgeConnection {

    private final Vertx vertx;
    private final ContextBound home;
    private final WebSocketClient client;
    private final WebSocket socket;
    private final int maxPendingRequests;
    private final Map<String, PendingRequest> pending = new HashMap<>();
    private final Map<String, Handler<JsonObject>> handlers = new HashMap<>();
    private final RefusalTracker refusals = new RefusalTracker();
    private final long pingTimer;
    private boolean closed;
    private volatile BridgeRefusedException refusal;
    private volatile Handler<Void> closeHandler = v -> { };
    private volatile Handler<Throwable> exceptionHandler = e -> { };

    private record PendingRequest(Frame frame, Promise<JsonObject> reply, long timer) { }

    private BridgeConnection(Vertx vertx, Context context, WebSocketClient client, WebSocket socket,
            BridgeOptions options) {
        this.vertx = vertx;
        this.home = new ContextBound(context);
        this.client = client;
        this.socket = socket;
        this.maxPendingRequests = options.maxPendingRequests();
        // The bridge writes its frames as binary WebSocket messages; accept text too.
        socket.textMessageHandler(this::receive)
                .binaryMessageHandler(data -> receive(data.toString()))
                .exceptionHandler(e -> exceptionHandler.handle(e))
                .closeHandler(v -> closed());
        pingTimer = vertx.setPeriodic(options.pingInterval().toMillis(),
                id -> socket.writeTextMessage("{\"type\":\"ping\"}"));
    }

    /** How long a token login may take before the connection gives up. */
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    /** The {@code err} frames the node writes before it closes a socket. */
    private static final Set<String> CLOSING = Set.of("credential_revoked", "auth_required", "too_many_connections");
    /** Those of them that answer no frame of this connection: never charged to one. */
    private static final Set<String> ANSWERING_NO_FRAME = Set.of("credential_revoked", "too_many_connections");

    /**
     * Connects to a bridge at a {@code ws://} or {@code wss://} URI. With a {@linkplain BridgeOptions#token
     * token}, the first frame logs in with it ({@code pos.auth.login}); the connection is handed over
     * only once the node accepted it, and a refused token fails it with a {@link BridgeRefusedException}
     * whose reason is the node's error code ({@code AUTHENTICATION_FAILED}). An upgrade the node answers
     * with 403 (a revoked certificate, one that names no role) fails with a {@link BridgeRefusedException}
     * too, its reason {@code ACCESS_DENIED} and the node's message.
     */
    public static Future<BridgeConnection> connect(Vertx vertx, URI uri, BridgeOptions options) {
        WebSocketConnectOptions target;
        try {
            // A terminal is not a web page: it sends no Origin, which the node checks only for browsers.
            target = new WebSocketConnectOptions().setAbsoluteURI(uri.toString()).setAllowOriginHeader(false);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new IllegalArgumentException("not a ws:// or wss:// URI: " + uri, e));
        }
        Context context = vertx.getOrCreateContext();
        Promise<BridgeConnection> connected = Promise.promise();
        context.runOnContext(v -> {
            WebSocketClient client = vertx.createWebSocketClient(options.client());
            client.connect(target)
                    .map(socket -> new BridgeConnection(vertx, context, client, socket, options))
                    .compose(connection -> options.token() == null ? Future.succeededFuture(connection)
                            : connection.login(options.token()))
                    .onFailure(e -> client.close())
                    .recover(e -> Future.failedFuture(e instanceof UpgradeRejectedException rejected
                            && rejected.getStatus() == 403 ? forbidden(rejected) : e))
                    .onComplete(connected);
        });
        return connected.future();
    }

    /** Logs in with the token; on a refusal closes the socket and fails, naming the node's reason. */
    private Future<BridgeConnection> login(String token) {
        return request(Addresses.AUTH_LOGIN, new JsonObject().put("token", token), LOGIN_TIMEOUT)
                .compose(reply -> {
                    if (Boolean.TRUE.equals(reply.getValue("success"))) {
                        return Future.succeededFuture(this);
                    }
                    JsonObject error = reply.getJsonObject("error", new JsonObject());
                    return Future.failedFuture(new BridgeRefusedException(Addresses.AUTH_LOGIN,
                            error.getString("code", "AUTHENTICATION_FAILED") + ": " + error.getString("message", "")));
                })
                // The node may have closed the socket with its reason instead of answering.
                .recover(e -> Future.failedFuture(refusal != null ? refusal : e))
                .onFailure(e -> close());
    }

    /** A WebSocket upgrade answered 403: {@code ACCESS_DENIED} and the node's message (its JSON error's, when it sent one). */
    private static BridgeRefusedException forbidden(UpgradeRejectedException rejected) {
        String message = null;
        try {
            if (rejected.getBody() != null && rejected.getBody().length() > 0
                    && new JsonObject(rejected.getBody()).getValue("error") instanceof JsonObject error) {
                message = error.getString("message");
            }
        } catch (DecodeException notJson) {
            message = rejected.getBody().toString();
        }
        return BridgeRefusedException.connection("ACCESS_DENIED: " + (message != null ? message
                : "the node answered the WebSocket upgrade with 403"));
    }

    /** The bridge of a node at {@code http(s)://host:port}: {@code ws(s)://host:port/eventbus/websocket}. */
    public static URI bridgeUri(URI node) {
        String scheme = switch (node.getScheme()) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new IllegalArgumentException("not an http(s) URL: " + node);
        };
        return URI.create(scheme + "://" + node.getRawAuthority() + "/eventbus/websocket");
    }

    /**
     * Sends {@code body} to {@code address} and completes with the reply's body, or fails (see the
     * class comment). Each request has a reply address of its own, a UUID: the bridge takes at most
     * 36 characters.
     */
    public Future<JsonObject> request(String address, JsonObject body, Duration timeout) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        Promise<JsonObject> reply = Promise.promise();
        home.run(() -> {
            if (closed) {
                reply.fail(new HttpClosedException("the bridge connection is closed"));
            } else if (pending.size() >= maxPendingRequests) {
                reply.fail(new ReplyException(ReplyFailure.ERROR, -1, "not sent to " + address + ": "
                        + pending.size() + " requests already await their reply on this connection"));
            } else {
                Frame frame = refusals.sending("send", address, UUID.randomUUID().toString());
                long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> fail(frame.replyAddress(),
                        new ReplyException(ReplyFailure.TIMEOUT, -1,
                                "no reply from " + address + " within " + timeout.toMillis() + " ms")));
                pending.put(frame.replyAddress(), new PendingRequest(frame, reply, timer));
                transmit(frame, body).onFailure(e -> fail(frame.replyAddress(), e));
            }
        });
        return reply.future();
    }

    /** Sends without expecting a reply; a refusal or write failure goes to the exception handler. */
    public void send(String address, JsonObject body) {
        home.run(() -> fireAndForget("send", address, body));
    }

    /** Publishes to every handler of {@code address}; a refusal goes to the exception handler. */
    public void publish(String address, JsonObject body) {
        home.run(() -> fireAndForget("publish", address, body));
    }

    /**
     * Delivers the body of every message on {@code address} to {@code handler}. The bridge does not
     * acknowledge registrations, so this completes once the frame is written; a refusal drops the
     * handler and goes to the exception handler. One handler per address.
     */
    public Future<Void> register(String address, Handler<JsonObject> handler) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        Promise<Void> written = Promise.promise();
        home.run(() -> {
            if (closed) {
                written.fail(new HttpClosedException("the bridge connection is closed"));
            } else if (handlers.putIfAbsent(address, handler) != null) {
                written.fail(new IllegalStateException("a handler is already registered on " + address));
            } else {
                transmit(refusals.sending("register", address, null), null)
                        .onFailure(e -> handlers.remove(address, handler))
                        .onComplete(written);
            }
        });
        return written.future();
    }

    /** Removes the handler of {@code address}, if any. */
    public Future<Void> unregister(String address) {
        Promise<Void> written = Promise.promise();
        home.run(() -> {
            if (closed || handlers.remove(address) == null) {
                written.complete();
            } else {
                transmit(refusals.sending("unregister", address, null), null).onComplete(written);
            }
        });
        return written.future();
    }

    /**
     * Called once when the socket closes, whoever closed it; at once (on the connection's context) when it
     * closed before the handler was set, as the node may close a socket right after it opened.
     */
    public BridgeConnection closeHandler(Handler<Void> handler) {
        home.run(() -> {
            closeHandler = handler;
            if (closed) {
                handler.handle(null);
            }
        });
        return this;
    }

    /**
     * Why the node closed (or is closing) this connection, when it said: a {@link BridgeRefusedException}
     * ({@link BridgeRefusedException#connection}) whose reason is {@code credential_revoked},
     * {@code auth_required} or {@code too_many_connections}. Empty while it has not.
     */
    public Optional<BridgeRefusedException> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Receives socket errors, refusals of sends, publishes and registrations, and odd frames. */
    public BridgeConnection exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        return this;
    }

    /** Closes the socket; requests still waiting fail. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        home.run(() -> socket.close().transform(ar -> {
            closed();
            return Future.<Void>succeededFuture();
        }).onComplete(done));
        return done.future();
    }

    private void fireAndForget(String type, String address, JsonObject body) {
        if (closed) {
            exceptionHandler.handle(new HttpClosedException("the bridge connection is closed"));
        } else {
            transmit(refusals.sending(type, address, null), body).onFailure(e -> exceptionHandler.handle(e));
        }
    }

    private Future<Void> transmit(Frame frame, JsonObject body) {
        JsonObject json = new JsonObject().put("type", frame.type()).put("address", frame.address());
        if (body != null) {
            json.put("body", body);
        }
        if (frame.replyAddress() != null) {
            json.put("replyAddress", frame.replyAddress());
        }
        return socket.writeTextMessage(json.encode());
    }

    private void receive(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            exceptionHandler.handle(new VertxException("the bridge sent a frame that is not a JSON object", e));
            return;
        }
        String type = frame.getString("type", "");
        String address = frame.getString("address");
        PendingRequest request = address == null ? null : pending.remove(address);
        if (request != null) {
            vertx.cancelTimer(request.timer());
            refusals.answered(request.frame());
            if (!type.equals("rec")) {
                request.reply().fail(replyFailure(frame));
            } else if (frame.getValue("body") instanceof JsonObject body) {
                request.reply().complete(body);
            } else {
                request.reply().fail(new VertxException("the reply from " + request.frame().address()
                        + " is not a JSON object: " + frame.getValue("body"), true));
            }
        } else if (type.equals("rec") && handlers.containsKey(address)) {
            refusals.delivered(address);
            if (frame.getValue("body") instanceof JsonObject body) {
                handlers.get(address).handle(body);
            } else {
                exceptionHandler.handle(new VertxException("a message on " + address + " is not a JSON object", true));
            }
        } else if (type.equals("err") && address == null) {
            String reason = String.valueOf(frame.getValue("body"));
            if (CLOSING.contains(reason)) {
                refusal = BridgeRefusedException.connection(reason);
            }
            if (ANSWERING_NO_FRAME.contains(reason)) {
                exceptionHandler.handle(refusal);
            } else {
                refused(reason);
            }
        }
        // Anything else is a late reply to a request that timed out: dropped, as on the local bus.
    }

    private void refused(String reason) {
        Frame frame = refusals.blame();
        BridgeRefusedException refusal = new BridgeRefusedException(frame == null ? null : frame.address(), reason);
        if (frame != null && frame.type().equals("register")) {
            handlers.remove(frame.address());
        }
        if (frame == null || frame.replyAddress() == null || !fail(frame.replyAddress(), refusal)) {
            exceptionHandler.handle(refusal);
        }
    }

    private static ReplyException replyFailure(JsonObject err) {
        ReplyFailure type;
        try {
            type = ReplyFailure.valueOf(err.getString("failureType", "ERROR"));
        } catch (IllegalArgumentException e) {
            type = ReplyFailure.ERROR;
        }
        return new ReplyException(type, err.getInteger("failureCode", -1), err.getString("message"));
    }

    /** Fails the request waiting on {@code replyAddress}; false when none does any more. */
    private boolean fail(String replyAddress, Throwable failure) {
        PendingRequest request = pending.remove(replyAddress);
        if (request == null) {
            return false;
        }
        vertx.cancelTimer(request.timer());
        request.reply().fail(failure);
        return true;
    }

    private void closed() {
        if (closed) {
            return;
        }
        closed = true;
        vertx.cancelTimer(pingTimer);
        List.copyOf(pending.keySet()).forEach(replyAddress -> fail(replyAddress,
                new HttpClosedException("the bridge connection closed before the reply")));
        handlers.clear();
        refusals.clear();
        client.close();
        closeHandler.handle(null);
    }
}
