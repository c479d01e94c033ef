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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;

/**
 * A headless kitchen display of one print destination, over a {@link BridgeConnection}: prints each ticket
 * change as it arrives and, on every (re)connect, registers on {@code pos.kitchen.<destination_id>} first and
 * then asks {@code pos.kds.tickets}, printing what is new or changed since it last saw them
 * ({@link KitchenScreen}). It reconnects with a doubling backoff whenever the connection drops or the node
 * cannot be reached, and gives up only when the node refuses it (its credentials, its role, or a destination
 * the node does not know).
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

    /** How long to wait before the n-th reconnect in a row: {@code min}, doubling up to {@code max}. */
    public record Backoff(Duration min, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10));

        Duration after(int failures) {
            long millis = min.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }

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
                .compose(c -> listTickets(c).eventually(c::close))
                .onSuccess(listed -> finished.tryComplete(DONE))
                .onFailure(e -> {
                    if (refusal(e) != null) {
                        giveUp(refusal(e));
                    } else {
                        err.accept("cannot reach the node: " + reason(e));
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
                if (refusal(attempt.cause()) != null) {
                    giveUp(refusal(attempt.cause()));
                } else {
                    retry("cannot reach the node (" + reason(attempt.cause()) + ")");
                }
                return;
            }
            BridgeConnection c = attempt.result();
            connection = c;
            c.exceptionHandler(e -> {
                if (refusal(e) != null) {
                    giveUp(refusal(e));
                }
            });
            c.closeHandler(v -> closed(c));
            c.register(Addresses.kitchen(destinationId), this::received)
                    .compose(registered -> listTickets(c))
                    .onSuccess(listed -> failures = 0)
                    .onFailure(e -> {
                        if (refusal(e) != null) {
                            giveUp(refusal(e));
                        } else {
                            c.close(); // and reconnect
                        }
                    });
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
        if (!stopping) {
            retry("disconnected from the node");
        }
    }

    private void retry(String why) {
        failures++;
        Duration wait = backoff.after(failures);
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
     * Why the node will not have this display, if that is what {@code e} says: the bridge refused a frame
     * (credentials, role), the node answered with an error (a destination it does not know), or the TLS
     * handshake failed (a certificate it does not take). Null for anything worth trying again.
     */
    private static String refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BridgeRefusedException || t instanceof Refused) {
                return t.getMessage();
            }
            if (t instanceof SSLHandshakeException handshake) {
                return "TLS handshake failed: " + handshake.getMessage();
            }
        }
        return null;
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
