package com.redcoral.edge.node;

import com.redcoral.edge.access.BridgePolicy;
import com.redcoral.edge.access.Credentials;
import com.redcoral.edge.access.Identity;
import com.redcoral.edge.access.Role;
import com.redcoral.edge.access.WebOrigins;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.certs.TerminalSubject;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.Transport;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One HTTP listener of the node: the browser POS at {@code /} and the kitchen screen at {@code /kds}
 * ({@link WebPages}), the SockJS event-bus bridge at {@code /eventbus} (raw WebSocket at
 * {@code /eventbus/websocket}), {@code GET /health}, {@code GET /api/orders/active}, the resource reads
 * ({@code GET /api/sync/status}, {@code GET /api/resources/{type}}) and the admin's resource writes. Every
 * answer comes from the verticles over the bus, as for any terminal. The node runs it twice:
 *
 * <ul>
 *   <li>the <b>loopback</b> listener, plain HTTP on {@code http.host} (127.0.0.1), where every request and
 *       socket has the one identity {@code loopback} with the role {@code http.role};</li>
 *   <li>the <b>network</b> listener, TLS only on {@code tls.host}, with the node's certificate and the store
 *       CA as trust. A client certificate is requested, not required (browsers have none): one the
 *       handshake accepted (signed by the store CA, in its validity) and not revoked gives the identity of
 *       its subject ({@link TerminalSubject}); without one a bridge socket logs in with a token first
 *       ({@link BridgeGuard}) and an HTTP API request carries {@code Authorization: Bearer <token>}. Only
 *       the WebSocket transports of SockJS are offered: a polling transport's session spans several HTTP
 *       requests, which could come over connections with other certificates.</li>
 * </ul>
 *
 * On both, a request from a web page of another origin ({@link WebOrigins}) is refused with 403 before
 * anything else, and {@code /api/*} (not {@code /health}) is allowed per address by {@link BridgePolicy},
 * exactly as the same request over the bridge: reads for terminals and admins, writes for admins.
 */
final class HttpVerticle extends VerticleBase {

    /** Where a request's identity is kept in its routing context once known. */
    static final String IDENTITY = "redcoral.identity";
    private static final DeliveryOptions QUICK = new DeliveryOptions().setSendTimeout(2_000);
    private static final System.Logger LOG = System.getLogger(HttpVerticle.class.getName());

    /**
     * What makes a listener one or the other.
     *
     * @param fixed       the identity of everything on it (loopback); null when it comes from the
     *                    connection (network)
     * @param credentials tokens and revoked certificates (network; null on loopback)
     */
    record Listener(String name, HttpServerOptions options, Identity fixed, Credentials credentials,
                    WebOrigins origins) {}

    /** The loopback listener: plain HTTP, one identity, {@code loopback} with the role {@code http.role}. */
    static Listener loopback(NodeConfig config) {
        String host = config.http().host();
        Set<String> names = new LinkedHashSet<>(List.of(host));
        if (wildcard(host)) {
            names.addAll(DevelopmentCertificates.hostNames(null));
        } else if (host.equals("localhost") || host.startsWith("127.") || host.equals("::1")) {
            names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        }
        return new Listener("loopback", limits(config).setHost(host).setPort(config.http().port()),
                new Identity("loopback", Role.parse(config.http().role()), null, Identity.Source.LOOPBACK, null),
                null, new WebOrigins("http", names, config.tls().allowedOrigins()));
    }

    /**
     * The network listener: TLS with the node's certificate ({@code node.pem}, {@code node.key}), client
     * certificates of the store CA ({@code ca.pem}) requested; its own origins are the node certificate's names.
     */
    static Listener network(NodeConfig config, DevelopmentCertificates certs, Credentials credentials) {
        X509Certificate node = CertificateAuthority.readCertificates(certs.nodePem()).get(0);
        HttpServerOptions options = limits(config).setHost(config.tls().host()).setPort(config.tls().port())
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certs.nodePem().toString())
                        .setKeyPath(certs.nodeKey().toString()))
                .setTrustOptions(new PemTrustOptions().addCertPath(certs.caPem().toString()))
                .setClientAuth(ClientAuth.REQUEST);
        return new Listener("network", options, null, credentials,
                new WebOrigins("https", CertificateAuthority.subjectAlternativeNames(node),
                        config.tls().allowedOrigins()));
    }

    private static HttpServerOptions limits(NodeConfig config) {
        return new HttpServerOptions()
                .setMaxWebSocketFrameSize(config.bridge().maxFrameBytes())
                .setMaxWebSocketMessageSize(config.bridge().maxFrameBytes());
    }

    static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private final NodeConfig config;
    private final Listener listener;
    private final BridgeConnections connections;
    private final CorsHandler cors;
    private final Optional<WebPages> pages;
    private HttpServer server;

    /** @param pages the browser POS and kitchen screen of this build, if it has them */
    HttpVerticle(NodeConfig config, Listener listener, BridgeConnections connections, Optional<WebPages> pages) {
        this.config = config;
        this.listener = listener;
        this.connections = connections;
        this.pages = pages;
        List<String> allowed = config.tls().allowedOrigins();
        this.cors = allowed.isEmpty() ? null : CorsHandler.create().addOrigins(allowed)
                .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                .allowedHeaders(Set.of("content-type", "authorization"));
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.route().handler(this::admit);
        pages.ifPresentOrElse(web -> web.mount(router), () -> WebPages.mountMissing(router));
        router.get("/health").handler(this::health);
        router.route("/api/*").handler(this::authenticate);
        router.get("/api/orders/active").handler(rc -> forward(rc, Addresses.ORDERS_ACTIVE, new JsonObject()));
        router.get("/api/sync/status").handler(rc -> forward(rc, Addresses.RESOURCES_STATUS, new JsonObject()));
        router.get("/api/resources/:type").handler(rc -> forward(rc, Addresses.RESOURCES_LIST,
                new JsonObject().put("resource", rc.pathParam("type"))));
        router.route("/api/resources/*").handler(BodyHandler.create(false).setBodyLimit(config.bridge().maxFrameBytes()));
        router.post("/api/resources/:type").handler(rc -> change(rc, "create"));
        router.put("/api/resources/:type/:id").handler(rc -> change(rc, "update"));
        router.delete("/api/resources/:type/:id").handler(rc -> change(rc, "delete"));
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx, sockJsOptions())
                .bridge(bridgeOptions(), guard()));
        server = vertx.createHttpServer(listener.options()).requestHandler(router);
        return server.listen();
    }

    private SockJSHandlerOptions sockJsOptions() {
        SockJSHandlerOptions options = new SockJSHandlerOptions();
        if (listener.fixed() == null) {
            for (Transport polling : List.of(Transport.XHR, Transport.EVENT_SOURCE, Transport.HTML_FILE,
                    Transport.JSON_P)) {
                options.addDisabledTransport(polling.name());
            }
        }
        return options;
    }

    /** The bridge's limits, and every address it knows ({@link BridgePolicy}); which role may use which is the guard's. */
    SockJSBridgeOptions bridgeOptions() {
        NodeConfig.Bridge limits = config.bridge();
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .setReplyTimeout(limits.replyTimeoutMs())
                .setPingTimeout(limits.pingTimeoutMs())
                .setMaxHandlersPerSocket(limits.maxHandlersPerSocket());
        BridgePolicy.INBOUND.forEach(a -> options.addInboundPermitted(new PermittedOptions().setAddress(a)));
        options.addInboundPermitted(new PermittedOptions().setAddressRegex(BridgePolicy.INBOUND_PATTERN));
        BridgePolicy.OUTBOUND.forEach(a -> options.addOutboundPermitted(new PermittedOptions().setAddress(a)));
        options.addOutboundPermitted(new PermittedOptions().setAddressRegex(BridgePolicy.OUTBOUND_PATTERN));
        return options;
    }

    private BridgeGuard guard() {
        return new BridgeGuard(vertx, listener.name(), connections, socket -> socket.routingContext().get(IDENTITY),
                this::revoked, config.bridge().pingTimeoutMs(), config.bridge().replyTimeoutMs());
    }

    /** Asks, when called, whether the certificate of {@code identity} has been revoked (tokens are checked at login). */
    private BooleanSupplier revoked(Identity identity) {
        return identity.source() == Identity.Source.CERTIFICATE
                ? () -> listener.credentials().certificateRevoked(identity.credential()) : () -> false;
    }

    /**
     * Every request first: a web page of another origin is refused (403); then the identity the connection
     * gives — the listener's own on loopback, a client certificate's on the network listener (403 for one
     * that is revoked or names no terminal).
     */
    private void admit(RoutingContext rc) {
        String origin = rc.request().getHeader("Origin");
        WebOrigins.Decision decision = listener.origins().decide(origin, server.actualPort());
        if (decision == WebOrigins.Decision.REFUSED) {
            LOG.log(System.Logger.Level.WARNING, "Refused " + rc.request().method() + " " + rc.request().path()
                    + " on the " + listener.name() + " listener from a web page of " + origin + " ("
                    + rc.request().remoteAddress() + "): another site");
            json(rc, 403, WireJson.error("ACCESS_DENIED", "requests from web pages of " + origin + " are refused"));
            return;
        }
        if (listener.fixed() != null) {
            rc.put(IDENTITY, listener.fixed());
        } else {
            X509Certificate certificate = clientCertificate(rc);
            if (certificate != null) {
                Identity identity;
                try {
                    identity = TerminalSubject.identity(certificate);
                } catch (IllegalArgumentException e) {
                    refuseCertificate(rc, e.getMessage());
                    return;
                }
                if (listener.credentials().certificateRevoked(identity.credential())) {
                    refuseCertificate(rc, "the certificate " + identity.credential() + " of " + identity.name()
                            + " is revoked");
                    return;
                }
                rc.put(IDENTITY, identity);
            }
        }
        if (decision == WebOrigins.Decision.ALLOWED && cors != null) {
            cors.handle(rc); // a page of an allowed origin: CORS headers, preflights answered
        } else {
            rc.next();
        }
    }

    private void refuseCertificate(RoutingContext rc, String why) {
        LOG.log(System.Logger.Level.WARNING, "Refused " + rc.request().method() + " " + rc.request().path()
                + " on the " + listener.name() + " listener from " + rc.request().remoteAddress() + ": " + why);
        json(rc, 403, WireJson.error("ACCESS_DENIED", why));
    }

    /** The client certificate the TLS handshake accepted (store CA, valid now); null when none was presented. */
    private static X509Certificate clientCertificate(RoutingContext rc) {
        try {
            List<Certificate> chain = rc.request().connection().peerCertificates();
            return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    /**
     * {@code /api/*}: the identity from the connection, or else from {@code Authorization: Bearer <token>}
     * (network listener); 401 without either.
     */
    private void authenticate(RoutingContext rc) {
        if (rc.get(IDENTITY) == null) {
            String authorization = rc.request().getHeader("Authorization");
            String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? authorization.substring(7).trim() : null;
            Identity identity = token == null ? null : listener.credentials().token(token).orElse(null);
            if (identity == null) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                json(rc, 401, WireJson.error("AUTHENTICATION_FAILED", token == null
                        ? "a client certificate or Authorization: Bearer <terminal token> is required"
                        : "the token is unknown, malformed or revoked"));
                return;
            }
            rc.put(IDENTITY, identity);
        }
        rc.next();
    }

    /** Whether the request's identity may send to {@code address}; answers 403 when not. */
    private boolean permitted(RoutingContext rc, String address) {
        Identity identity = rc.get(IDENTITY);
        if (BridgePolicy.check(identity, BridgePolicy.Kind.SEND, address, null) == BridgePolicy.Verdict.ALLOWED) {
            return true;
        }
        LOG.log(System.Logger.Level.WARNING, "Refused " + rc.request().method() + " " + rc.request().path()
                + " from " + identity + " on the " + listener.name() + " listener: not for its role");
        json(rc, 403, WireJson.error("ACCESS_DENIED", "a " + identity.role().wireName() + " may not use "
                + rc.request().method() + " " + rc.request().path()));
        return false;
    }

    private DeliveryOptions from(RoutingContext rc, DeliveryOptions base) {
        Identity identity = rc.get(IDENTITY);
        return new DeliveryOptions(base).addHeader(CredentialVerticle.IDENTITY_HEADER, identity.toString());
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
        if (!permitted(rc, address)) {
            return;
        }
        vertx.eventBus().<JsonObject>request(address, body, from(rc, QUICK))
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
        if (!permitted(rc, Addresses.RESOURCES_COMMAND)) {
            return;
        }
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
        vertx.eventBus().<JsonObject>request(Addresses.RESOURCES_COMMAND, command, from(rc, new DeliveryOptions()))
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
