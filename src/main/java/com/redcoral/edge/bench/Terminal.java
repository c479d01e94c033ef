package com.redcoral.edge.bench;

import com.redcoral.edge.bench.LoadProfile.Mode;
import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One simulated till: its own bridge connection, registered on {@code pos.orders.events} as a real
 * till is, ringing up {@link OrderCycle}s. A verticle, so every till gets an event loop of its own
 * and all its state stays on it.
 *
 * <p>Latency runs from the <em>intended</em> send time. In closed mode that is when the last ACK
 * came; in open mode it is the till's slot on the fixed schedule, so a slow node shows up as
 * latency and never as a quietly slower schedule (no coordinated omission). When the schedule comes
 * round, an open-mode till sends the next step of an order whose last command was ACKed, or opens a
 * new order when none is waiting.
 */
final class Terminal extends VerticleBase {

    private static final int ERRORS_KEPT = 5;

    /**
     * What a till saw in the measured window (latency in microseconds), and the first kinds of
     * error it met in the whole run, with how often each came.
     */
    record Result(Histogram latency, long sent, long acked, long failed, long events, int maxInFlight,
                  Map<String, Long> errors) { }

    private final int index;
    private final String runId;
    private final URI bridge;
    private final BridgeOptions options;
    private final LoadProfile profile;
    private final Histogram latency = new Histogram(3);
    private final Map<String, Long> errors = new LinkedHashMap<>();
    private final ArrayDeque<OrderCycle> ready = new ArrayDeque<>();
    private BridgeConnection connection;
    private Window window;
    private long sent;
    private long acked;
    private long failed;
    private long events;
    private long orders;
    private long scheduled;
    private int inFlight;
    private int maxInFlight;
    private boolean lost;
    private Promise<Result> finished;

    Terminal(int index, String runId, URI bridge, BridgeOptions options, LoadProfile profile) {
        this.index = index;
        this.runId = runId;
        this.bridge = bridge;
        this.options = options;
        this.profile = profile;
    }

    @Override
    public Future<?> start() {
        return BridgeConnection.connect(vertx, bridge, options).compose(c -> {
            connection = c.closeHandler(v -> connectionLost());
            if (!profile.listens(index)) {
                return Future.succeededFuture();
            }
            return c.register(Addresses.ORDERS_EVENTS, event -> {
                if (window != null && window.contains(System.nanoTime())) {
                    events++;
                }
            });
        });
    }

    @Override
    public Future<?> stop() {
        return connection == null ? Future.succeededFuture() : connection.close();
    }

    /** Starts ringing up orders; the till stops by itself at the end of the window. */
    void begin(Window window) {
        context.runOnContext(v -> {
            this.window = window;
            if (profile.mode() == Mode.CLOSED) {
                carryOn(newOrder());
            } else {
                tick();
            }
        });
    }

    /** Completes once the window is over and every command sent has been answered or timed out. */
    Future<Result> finish() {
        Promise<Result> result = Promise.promise();
        context.runOnContext(v -> {
            finished = result;
            settleWhenDrained();
        });
        return result.future();
    }

    /** Open mode: sends every command whose slot has come, then sleeps until the next slot. */
    private void tick() {
        long now = System.nanoTime();
        long slot = slot(scheduled);
        while (!lost && slot <= now && slot < window.end()) {
            if (inFlight < profile.maxInFlight()) {
                issue(ready.isEmpty() ? newOrder() : ready.poll(), slot);
            } else {
                turnAway(slot, now);
            }
            slot = slot(++scheduled);
        }
        if (!lost && slot < window.end()) {
            vertx.setTimer(Math.max(1, Math.ceilDiv(slot - now, 1_000_000)), id -> tick());
        }
    }

    /** The intended send time of this till's n-th command: tills take turns on one global schedule. */
    private long slot(long n) {
        return window.origin() + (long) ((index + (double) n * profile.terminals()) * 1e9 / profile.rate());
    }

    private OrderCycle newOrder() {
        return new OrderCycle(profile, runId + "-" + index + "-" + ++orders);
    }

    private void issue(OrderCycle order, long intended) {
        if (window.contains(intended)) {
            sent++;
        }
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        connection.request(Addresses.ORDERS_COMMAND, order.command(System.currentTimeMillis()), profile.timeout())
                .onComplete(answer -> answered(order, intended, answer));
    }

    /** Open mode, every command allowed in flight unanswered: this arrival fails at once. */
    private void turnAway(long slot, long now) {
        sent += window.contains(slot) ? 1 : 0;
        failed += window.contains(now) ? 1 : 0;
        error("not sent: the terminal is at its limit of " + profile.maxInFlight() + " unanswered commands");
    }

    private void answered(OrderCycle order, long intended, AsyncResult<JsonObject> answer) {
        long now = System.nanoTime();
        inFlight--;
        boolean ok = answer.succeeded() && Boolean.TRUE.equals(answer.result().getValue("success"));
        if (ok) {
            acked += window.contains(now) ? 1 : 0;
            if (window.contains(intended)) {
                latency.recordValue(Math.max(0, now - intended) / 1_000);
            }
        } else {
            failed += window.contains(now) ? 1 : 0;
            error(order.type() + ": " + describe(answer));
        }
        boolean unfinished = ok && !order.acknowledged(answer.result());
        if (profile.mode() == Mode.OPEN) {
            if (unfinished) {
                ready.add(order);
            }
        } else if (ok) {
            carryOn(unfinished ? order : newOrder());
        } else {
            // Drop the failed order; go round the event loop, as a connection failing at once must not recurse.
            context.runOnContext(v -> carryOn(newOrder()));
        }
        settleWhenDrained();
    }

    /** Closed mode: the next command goes out as soon as the last is answered, until the window ends. */
    private void carryOn(OrderCycle order) {
        long now = System.nanoTime();
        if (!lost && now < window.end()) {
            issue(order, now);
        }
    }

    private static String describe(AsyncResult<JsonObject> answer) {
        if (answer.failed()) {
            String message = answer.cause().getMessage();
            return message == null ? answer.cause().getClass().getSimpleName() : message;
        }
        JsonObject error = answer.result().getJsonObject("error");
        return error == null ? "success: false without an error"
                : error.getString("code") + " (" + error.getString("message") + ")";
    }

    private void connectionLost() {
        if (!lost && finished == null) {
            lost = true;
            error("the bridge connection closed");
        }
        settleWhenDrained();
    }

    private void error(String kind) {
        if (errors.size() < ERRORS_KEPT || errors.containsKey(kind)) {
            errors.merge(kind, 1L, Long::sum);
        }
    }

    private void settleWhenDrained() {
        if (finished != null && inFlight == 0) {
            finished.tryComplete(new Result(latency.copy(), sent, acked, failed, events, maxInFlight,
                    new LinkedHashMap<>(errors)));
        }
    }
}
