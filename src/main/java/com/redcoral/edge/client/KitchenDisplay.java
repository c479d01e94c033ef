package com.redcoral.edge.client;

import com.redcoral.edge.kitchen.KitchenScreen;
import com.redcoral.edge.kitchen.KitchenTicket;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.wire.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * A headless kitchen display of one print destination, over a {@link BridgeConnection}: prints each ticket
 * change as it arrives and, on every (re)connect, asks who the node takes it for ({@code pos.auth.identity}),
 * registers on {@code pos.kitchen.<destination_id>} and then asks {@code pos.kds.tickets}, printing what is new
 * or changed since it last saw them ({@link KitchenScreen}). It reconnects after {@link Backoff} delays whenever the
 * connection drops or the node cannot be reached (or holds too many connections of its credential open), and
 * gives up only when the node refuses it: a certificate or token it does not take or has revoked (also while
 * the display runs), an identity that may not show this destination (a kitchen display of another one, a
 * terminal), or a destination the node does not know. Each refusal is said in words, with the node's code.
 *
 * <p>Everything runs on one Vert.x context; {@link #stop} may be called from any thread.
 */
public final class KitchenDisplay {

    /** Exit status: stopped, or {@link #once} printed the tickets. */
    public static final int DONE = 0;
    /** Exit status: the node refused this display. */
    public static final int REFUSED = 1;
    /** Exit status: {@link #once} could not reach the node. */
    public static final int UNREACHABLE = 3;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** A quarter of a second at first, doubling up to 10 s, each wait somewhere in its upper half. */
    public static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0.5);

    private final Vertx vertx;
    private final Context context;
    private final Supplier<Future<BridgeConnection>> connect;
    private final String destinationId;
    private final KitchenScreen screen;
    private final Consumer<String> out;
    private final Consumer<String> err;
    private final Clock clock;
    private final Backoff backoff;
    private final Promise<Integer> finished = Promise.promise();
    private BridgeConnection connection;
    private int failures;
    private long retryTimer = -1;
    private boolean stopping;
    private boolean introduced;
    /** Who the node took this display for on its last connection ({@code pos.auth.identity}); null before. */
    private JsonObject identity;

    /**
     * @param connect makes a new connection to the node each time it is called
     * @param out     where the cook's lines go (tickets, and the display's own status lines)
     * @param err     where the reason goes when the display gives up
     */
    public KitchenDisplay(Vertx vertx, Supplier<Future<BridgeConnection>> connect, String destinationId,
                          KitchenScreen screen, Consumer<String> out, Consumer<String> err, Clock clock,
                          Backoff backoff) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.connect = connect;
        this.destinationId = destinationId;
        this.screen = screen;
        this.out = out;
        this.err = err;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Shows the destination's tickets until stopped; completes with the exit status ({@link #DONE} or {@link #REFUSED}). */
    public Future<Integer> run() {
        context.runOnContext(v -> connect());
        return finished.future();
    }

    /** Prints the destination's tickets once and completes with the exit status; no reconnecting. */
    public Future<Integer> once() {
        context.runOnContext(v -> connect.get()
                .compose(c -> admitted(c).compose(known -> listTickets(c)).eventually(c::close))
                .onSuccess(listed -> finished.tryComplete(DONE))
                .onFailure(e -> {
                    String refused = refusal(e);
                    if (refused != null) {
                        giveUp(refused);
                    } else {
                        err.accept("cannot reach the node: " + (busy(e) != null ? busy(e) : reason(e)));
                        finished.tryComplete(UNREACHABLE);
                    }
                }));
        return finished.future();
    }

    /** Closes the connection, says so, and completes {@link #run} with {@link #DONE}. */
    public Future<Void> stop() {
        if (finished.future().isComplete()) {
            return Future.succeededFuture(); // gave up already, or stopped
        }
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            if (stopping) {
                stopped.complete();
                return;
            }
            stopping = true;
            vertx.cancelTimer(retryTimer);
            Future<Void> closing = connection == null ? Future.succeededFuture() : connection.close();
            closing.onComplete(done -> {
                out.accept(screen.status("stopped", clock.millis()));
                finished.tryComplete(DONE);
                stopped.complete();
            });
        });
        return stopped.future();
    }

    private void connect() {
        if (stopping) {
            return;
        }
        connect.get().onComplete(attempt -> {
            if (stopping) {
                if (attempt.succeeded()) {
                    attempt.result().close();
                }
                return;
            }
            if (attempt.failed()) {
                String refused = refusal(attempt.cause());
                if (refused != null) {
                    giveUp(refused);
                } else {
                    String busy = busy(attempt.cause());
                    retry(busy != null ? busy : "cannot reach the node (" + reason(attempt.cause()) + ")");
                }
                return;
            }
            BridgeConnection c = attempt.result();
            connection = c;
            c.exceptionHandler(e -> {
                String refused = refusal(e);
                if (refused != null) {
                    giveUp(refused);
                }
            });
            c.closeHandler(v -> closed(c));
            admitted(c)
                    .compose(known -> c.register(Addresses.kitchen(destinationId), this::received))
                    .compose(registered -> listTickets(c))
                    .onSuccess(listed -> failures = 0)
                    .onFailure(e -> {
                        String refused = refusal(e);
                        if (refused != null) {
                            giveUp(refused);
                        } else {
                            c.close(); // and reconnect
                        }
                    });
        });
    }

    /**
     * Asks the node who it takes this display for, and fails with a {@link Refused} saying so when that identity
     * may not show this destination: a kitchen display of another one, or a terminal. (The node would refuse
     * its frames anyway, with a bare {@code rejected}; this says why.) An admin may show any destination.
     */
    private Future<Void> admitted(BridgeConnection c) {
        return c.request(Addresses.AUTH_IDENTITY, new JsonObject(), REQUEST_TIMEOUT).compose(reply -> {
            if (!Boolean.TRUE.equals(reply.getValue("success"))) {
                JsonObject error = reply.getJsonObject("error", new JsonObject());
                return Future.failedFuture(new Refused(error.getString("code") + ": " + error.getString("message")));
            }
            identity = reply;
            String role = reply.getString("role");
            String shows = reply.getString("destination_id");
            if ("admin".equals(role) || "kitchen".equals(role) && destinationId.equals(shows)) {
                return Future.<Void>succeededFuture();
            }
            String known = "it knows it as " + reply.getString("name") + ", "
                    + ("kitchen".equals(role) ? "a kitchen display of " + shows : "a " + role) + " ("
                    + how(reply.getString("source")) + ")";
            return Future.failedFuture(new Refused("kitchen".equals(role)
                    ? known + ": it may show the tickets of " + shows + " only, not of " + destinationId
                    : known + ": showing the tickets of " + destinationId + " takes a kitchen certificate or token "
                            + "of " + destinationId + ", or an admin's"));
        });
    }

    /** Asks for the destination's tickets and prints what is new to this display. */
    private Future<Void> listTickets(BridgeConnection c) {
        return c.request(Addresses.KDS_TICKETS, new JsonObject().put("destination_id", destinationId), REQUEST_TIMEOUT)
                .compose(reply -> {
                    if (!Boolean.TRUE.equals(reply.getValue("success"))) {
                        JsonObject error = reply.getJsonObject("error", new JsonObject());
                        return Future.failedFuture(new Refused(error.getString("code") + ": "
                                + error.getString("message")));
                    }
                    if (!introduced) {
                        introduced = true;
                        String name = reply.getString("destination_name");
                        out.accept("Kitchen display of " + (name == null ? destinationId : name + " (" + destinationId
                                + ")"));
                    }
                    List<KitchenTicket> tickets = new ArrayList<>();
                    JsonArray listed = reply.getJsonArray("tickets", new JsonArray());
                    for (int i = 0; i < listed.size(); i++) {
                        tickets.add(ticket(listed.getJsonObject(i)));
                    }
                    screen.listed(tickets, clock.millis()).forEach(out);
                    return Future.<Void>succeededFuture();
                });
    }

    private void received(JsonObject change) {
        try {
            screen.received(ticket(change.getJsonObject("ticket"))).forEach(out);
        } catch (RuntimeException e) {
            out.accept(screen.status("a ticket message could not be read: " + e.getMessage(), clock.millis()));
        }
    }

    private void closed(BridgeConnection c) {
        if (c != connection) {
            return;
        }
        connection = null;
        if (stopping) {
            return;
        }
        // The node may have said why it closed: a credential refused from now on, or too many connections.
        BridgeRefusedException why = c.refusal().orElse(null);
        String refused = why == null ? null : refusal(why);
        if (refused != null) {
            giveUp(refused);
        } else {
            String busy = why == null ? null : busy(why);
            retry(busy != null ? busy : "disconnected from the node");
        }
    }

    private void retry(String why) {
        Duration wait = backoff.delay(failures++);
        out.accept(screen.status(why + "; trying again in " + seconds(wait), clock.millis()));
        retryTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> connect());
    }

    private void giveUp(String why) {
        if (stopping) {
            return;
        }
        stopping = true;
        vertx.cancelTimer(retryTimer);
        err.accept("the node refused this display: " + why);
        if (connection != null) {
            connection.close();
        }
        finished.tryComplete(REFUSED);
    }

    private static KitchenTicket ticket(JsonObject json) {
        try {
            return Json.MAPPER.readValue(json.encode(), KitchenTicket.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a ticket: " + e.getMessage(), e);
        }
    }

    /**
     * Why the node will not have this display, if that is what {@code e} says, as the rest of the sentence
     * "the node refused this display: …": the bridge refused a frame or the login (credentials, role), the node
     * answered with an error (a destination it does not know) or refused the connection (HTTP 403: a revoked
     * certificate), or the TLS handshake failed on a certificate. Null for anything worth trying again:
     * a connection closed, even in the middle of the handshake, and too many connections (the node closes
     * those a cut network left behind once they stop answering pings).
     */
    private String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused) {
                return t.getMessage();
            }
            if (t instanceof BridgeRefusedException refused) {
                return busy(refused) != null ? null : explain(refused);
            }
            if (t instanceof SSLHandshakeException handshake && handshake(handshake) != null) {
                return handshake(handshake);
            }
        }
        return null;
    }

    /**
     * Why a TLS handshake failed, when it failed on a certificate: this display does not trust the node's (a
     * {@link CertificateException} of its own), or the node sent an alert refusing this display's. Null when
     * the connection closed during the handshake (a cut network, a proxy going away): worth trying again.
     */
    private static String handshake(SSLHandshakeException failed) {
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof CertificateException untrusted) {
                return "TLS handshake failed: this display does not trust the node's certificate ("
                        + untrusted.getMessage() + ")";
            }
            if (t instanceof SSLHandshakeException alert && alert.getMessage() != null
                    && alert.getMessage().contains("Received fatal alert")) {
                return "TLS handshake failed: the node did not accept this display's certificate ("
                        + alert.getMessage() + ")";
            }
        }
        return null;
    }

    /** The sentence for a refusal that is not about too many connections. */
    private String explain(BridgeRefusedException refused) {
        String reason = refused.reason();
        if ("auth_required".equals(reason)) {
            return "it does not know who this display is (auth_required): it took no client certificate from it "
                    + "(one the store CA the node trusts did not sign is not even offered) and no token was given";
        }
        if ("credential_revoked".equals(reason)) {
            String source = identity == null ? null : identity.getString("source");
            String credential = "token".equals(source) || "certificate".equals(source) ? source : "credential";
            return "its " + credential + " was revoked while it was showing the tickets: the node closed the "
                    + "connection (credential_revoked) and refuses the " + credential + " from now on"
                    + ("token".equals(source) ? " (AUTHENTICATION_FAILED)" : "certificate".equals(source)
                            ? " (HTTP 403)" : "");
        }
        if (refused.address() == null && reason.startsWith("ACCESS_DENIED")) {
            return reason + " (HTTP 403)"; // the WebSocket upgrade refused: a revoked certificate
        }
        if (Addresses.AUTH_LOGIN.equals(refused.address())) {
            return reason; // the node's code and message: AUTHENTICATION_FAILED: the token is …
        }
        return refused.getMessage();
    }

    /**
     * Whether {@code e} says the node holds as many connections of this display's credential as it allows —
     * worth trying again later — as the line that says so; null when it says something else.
     */
    private static String busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BridgeRefusedException refused) {
                return busy(refused);
            }
        }
        return null;
    }

    private static String busy(BridgeRefusedException refused) {
        String reason = String.valueOf(refused.reason());
        return reason.equals("too_many_connections") || reason.startsWith("TOO_MANY_CONNECTIONS")
                ? "the node holds as many connections of this display's certificate or token as it allows ("
                        + reason + ")" : null;
    }

    private static String how(String source) {
        return switch (String.valueOf(source)) {
            case "certificate" -> "by its certificate";
            case "token" -> "by its token";
            case "loopback" -> "on the loopback listener";
            default -> "as " + source;
        };
    }

    /** The node answered the display's request with an error. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    private static String seconds(Duration wait) {
        return wait.toMillis() < 1000 ? wait.toMillis() + " ms" : wait.toSeconds() + " s";
    }
}
