package com.redcoral.edge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.redcoral.edge.client.TerminalTransport.Link;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import com.redcoral.edge.wire.EventJson;
import com.redcoral.edge.wire.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The one {@link Terminal}: mirrors, sync, heartbeat and reconnection over a {@link TerminalTransport}.
 * See {@link Terminal} for the rules; this class keeps them.
 *
 * <p>Everything here runs on the terminal's context; the public methods hop onto it. A link carries
 * its own identity: whatever a link started (a sync, a heartbeat, an event handler) checks that the
 * link is still the current one before it changes anything, so a late answer from a link that was lost
 * or closed changes nothing.
 */
final class MirroringTerminal implements Terminal {

    private static final System.Logger LOG = System.getLogger(MirroringTerminal.class.getName());

    /** Syncs and reloads in a row for one catch-up before the terminal gives the link up and starts over. */
    private static final int MAX_ROUNDS = 8;

    /** What the order mirror needs next. */
    private enum Step { DONE, SYNC, RELOAD }

    private final Vertx vertx;
    private final ContextBound home;
    private final TerminalTransport transport;
    private final TerminalOptions options;
    private final ResourceMirror resources;
    /** Order events received or answered and not yet applied, by sequence. */
    private final TreeMap<Long, JsonObject> buffered = new TreeMap<>();
    private final List<Promise<Void>> waitingForOnline = new ArrayList<>();

    private volatile State state = State.CONNECTING;
    private volatile ActiveOrders orders = ActiveOrders.EMPTY;
    private volatile Throwable lastFailure;
    /** The link in use: set while connecting (once opened) and online; null otherwise. */
    private Link link;
    /** A catch-up (sync or reload) runs: live events are only kept. */
    private boolean catchingUp;
    private boolean resourcesLoaded;
    /** Tries that failed since the terminal was last online: the next delay's retry number. */
    private int failures;
    private long retryTimer = -1;
    private long heartbeatTimer = -1;
    private Consumer<Change> changeListener = change -> { };
    private Consumer<State> stateListener = s -> { };
    private long eventsApplied;
    private long eventsSkipped;
    private long gaps;
    private long syncs;
    private long fullSyncs;
    private long reloads;
    private long connections;
    private long losses;

    private MirroringTerminal(Vertx vertx, Context context, TerminalTransport transport, TerminalOptions options) {
        this.vertx = vertx;
        this.home = new ContextBound(context);
        this.transport = transport;
        this.options = options;
        this.resources = ResourceMirror.create(this::resourceRequest)
                .onChange(change -> changed(new Change.ResourceChanged(change)));
    }

    /** A terminal on the current context of {@code vertx}, already trying to connect. */
    static Terminal start(Vertx vertx, TerminalTransport transport, TerminalOptions options) {
        Objects.requireNonNull(options, "options");
        Context context = Vertx.currentContext();
        if (context == null || context.owner() != vertx) {
            throw new IllegalStateException("create a Terminal on a context of the Vert.x instance it uses");
        }
        MirroringTerminal terminal = new MirroringTerminal(vertx, context, transport, options);
        terminal.tryNow();
        return terminal;
    }

    // ------------------------------------------------------------------------------ public API

    @Override
    public State state() {
        return state;
    }

    @Override
    public Future<Void> whenOnline() {
        return home.call(() -> {
            if (state == State.ONLINE) {
                return Future.succeededFuture();
            }
            if (state == State.CLOSED || state == State.REFUSED) {
                return Future.failedFuture(new TerminalOfflineException(state, "(waiting to be online)",
                        state == State.REFUSED ? lastFailure : null));
            }
            Promise<Void> online = Promise.promise();
            waitingForOnline.add(online);
            return online.future();
        });
    }

    @Override
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    @Override
    public void reconnectNow() {
        home.run(() -> {
            if (state == State.OFFLINE) {
                tryNow();
            }
        });
    }

    @Override
    public Future<Void> close() {
        return home.call(() -> {
            if (state == State.CLOSED) {
                return Future.succeededFuture();
            }
            cancelTimers();
            Link closing = link;
            link = null;
            catchingUp = false;
            buffered.clear();
            setState(State.CLOSED);
            List<Promise<Void>> waiting = List.copyOf(waitingForOnline);
            waitingForOnline.clear();
            waiting.forEach(p -> p.fail(new TerminalOfflineException(State.CLOSED, "(waiting to be online)")));
            return closing == null ? Future.succeededFuture() : closing.close();
        });
    }

    @Override
    public Future<CommandResponse> send(JsonObject command) {
        Objects.requireNonNull(command, "command");
        return call(Addresses.ORDERS_COMMAND, command).map(MirroringTerminal::commandResponse);
    }

    @Override
    public Future<JsonObject> get(String orderId) {
        return read(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId));
    }

    @Override
    public Future<JsonObject> get(String orderId, long atSequence) {
        return read(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId).put("at_sequence", atSequence));
    }

    @Override
    public Future<JsonObject> timeline(String orderId) {
        return read(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", orderId));
    }

    @Override
    public Future<JsonObject> audit(String orderId) {
        return read(Addresses.ORDERS_AUDIT, new JsonObject().put("order_id", orderId));
    }

    @Override
    public Future<JsonObject> request(String address, JsonObject body) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(body, "body");
        return read(address, body);
    }

    @Override
    public ActiveOrders orders() {
        return orders;
    }

    @Override
    public ResourceView resources() {
        return resources;
    }

    @Override
    public Stats stats() {
        home.check("a Terminal's stats and resources");
        return new Stats(eventsApplied, eventsSkipped, gaps, syncs, fullSyncs, reloads, connections, losses);
    }

    @Override
    public Context context() {
        return home.context();
    }

    @Override
    public Terminal onChange(Consumer<Change> listener) {
        Objects.requireNonNull(listener, "listener");
        home.run(() -> changeListener = listener);
        return this;
    }

    @Override
    public Terminal onStateChange(Consumer<State> listener) {
        Objects.requireNonNull(listener, "listener");
        home.run(() -> stateListener = listener);
        return this;
    }

    @Override
    public String toString() {
        return "Terminal[" + transport.describe() + ", " + state + ", sequence " + orders.sequence() + "]";
    }

    // -------------------------------------------------------------------- connecting and losing

    /** Opens a link, registers, catches both mirrors up, then goes online; any failure starts over later. */
    private void tryNow() {
        cancelTimers();
        setState(State.CONNECTING);
        Future<Link> opened;
        try {
            opened = transport.open((lost, cause) -> lose(lost, cause));
        } catch (RuntimeException e) {
            opened = Future.failedFuture(e);
        }
        opened.onComplete(result -> home.run(() -> {
            if (result.failed()) {
                if (state == State.CONNECTING) {
                    failed(result.cause());
                }
            } else if (state != State.CONNECTING || link != null) {
                result.result().close(); // closed meanwhile
            } else {
                connect(result.result());
            }
        }));
    }

    /** Register first, then sync: whatever is published after the sync's answer arrives live. */
    private void connect(Link l) {
        link = l;
        catchingUp = true;
        l.register(Addresses.ORDERS_EVENTS, event -> live(l, event))
                .compose(v -> l.register(Addresses.RESOURCES_SYNC, sync -> {
                    if (l == link) {
                        resources.accept(sync);
                    }
                }))
                .compose(v -> Future.all(catchUp(l, Step.SYNC),
                        resourcesLoaded ? resources.reconnected() : resources.load()))
                .onComplete(result -> home.run(() -> {
                    if (l != link) {
                        return; // lost or closed meanwhile
                    }
                    if (result.failed()) {
                        lose(l, result.cause());
                        return;
                    }
                    resourcesLoaded = true;
                    failures = 0;
                    connections++;
                    setState(State.ONLINE);
                    List<Promise<Void>> waiting = List.copyOf(waitingForOnline);
                    waitingForOnline.clear();
                    waiting.forEach(Promise::complete);
                    scheduleHeartbeat(l);
                }));
    }

    /**
     * The link broke (or did not get the terminal online): close it, go offline, try again later — or,
     * when the node ended it by refusing the terminal's credential, go refused for good.
     */
    private void lose(Link l, Throwable cause) {
        home.run(() -> {
            if (l == null || l != link) {
                return;
            }
            Throwable why = l.endedBy().orElse(cause);
            link = null;
            catchingUp = false;
            buffered.clear();
            cancelTimers();
            losses++;
            lastFailure = why;
            l.close();
            if (refusedForGood(why)) {
                refused(why);
                return;
            }
            LOG.log(System.Logger.Level.INFO, "lost " + transport.describe() + ": " + why.getMessage());
            setState(State.OFFLINE);
            scheduleRetry();
        });
    }

    /** A try failed before a link was in use. */
    private void failed(Throwable cause) {
        lastFailure = cause;
        if (refusedForGood(cause)) {
            refused(cause);
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "cannot reach " + transport.describe() + ": " + cause.getMessage());
        setState(State.OFFLINE);
        scheduleRetry();
    }

    /** Only a new credential can help: no more tries; whoever waits to be online is told why. */
    private void refused(Throwable refusal) {
        LOG.log(System.Logger.Level.WARNING, transport.describe() + " refused this terminal's credential, so it "
                + "stops trying: " + refusal.getMessage());
        cancelTimers();
        setState(State.REFUSED);
        List<Promise<Void>> waiting = List.copyOf(waitingForOnline);
        waitingForOnline.clear();
        waiting.forEach(p -> p.fail(new TerminalOfflineException(State.REFUSED, "(waiting to be online)", refusal)));
    }

    /** The node refused the terminal's credential (a refused token, a revoked certificate…): trying again cannot help. */
    private static boolean refusedForGood(Throwable failure) {
        return failure instanceof BridgeRefusedException refusal && refusal.credentialRefused();
    }

    private void scheduleRetry() {
        long delay = options.backoff().delay(failures).toMillis();
        failures = Math.min(failures + 1, 1_000); // the ceiling reached max long before; no overflow
        retryTimer = vertx.setTimer(delay, id -> {
            retryTimer = -1;
            if (state == State.OFFLINE) {
                tryNow();
            }
        });
    }

    /** One heartbeat per interval while online, never two at once. */
    private void scheduleHeartbeat(Link l) {
        heartbeatTimer = vertx.setTimer(options.heartbeatInterval().toMillis(), id -> {
            heartbeatTimer = -1;
            heartbeat(l);
        });
    }

    /**
     * Asks the node's status: no answer means the node is gone; another epoch means it restarted
     * since (in the node's JVM the bus kept the terminal's consumers through it) — either way the
     * terminal goes through offline and reconnects, which catches everything up.
     */
    private void heartbeat(Link l) {
        if (l != link || state != State.ONLINE) {
            return;
        }
        ask(l, Addresses.RESOURCES_STATUS, new JsonObject()).onComplete(result -> {
            if (l != link) {
                return;
            }
            Optional<String> known = resources.epoch();
            if (result.failed()) {
                lose(l, new VertxException("the node did not answer the heartbeat: " + result.cause().getMessage(),
                        result.cause()));
            } else if (known.isPresent() && !known.get().equals(result.result().getValue("epoch"))) {
                lose(l, new VertxException("the node restarted (its epoch changed)", true));
            } else {
                scheduleHeartbeat(l);
            }
        });
    }

    /** A request nobody received ({@code NO_HANDLERS}): is the node still there? Asks now rather than at the next beat. */
    private void checkNow(Link l) {
        if (l == link && state == State.ONLINE && heartbeatTimer != -1) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
            heartbeat(l);
        }
    }

    private void cancelTimers() {
        if (retryTimer != -1) {
            vertx.cancelTimer(retryTimer);
            retryTimer = -1;
        }
        if (heartbeatTimer != -1) {
            vertx.cancelTimer(heartbeatTimer);
            heartbeatTimer = -1;
        }
    }

    private void setState(State next) {
        if (state == next) {
            return;
        }
        state = next;
        try {
            stateListener.accept(next);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a terminal's state listener failed on " + next, e);
        }
    }

    // ---------------------------------------------------------------------------- the order mirror

    /** A live event: kept by sequence, then applied in order unless a catch-up runs. */
    private void live(Link l, JsonObject event) {
        if (l != link) {
            return;
        }
        if (!(event.getValue("sequence") instanceof Number sequence) || sequence.longValue() < 1) {
            LOG.log(System.Logger.Level.WARNING, "an order event without a sequence was ignored");
            return;
        }
        buffered.put(sequence.longValue(), event);
        if (catchingUp) {
            return;
        }
        Step step = drain();
        if (step != Step.DONE) {
            catchUp(l, step).onFailure(e -> lose(l, e));
        }
    }

    /** Syncs or reloads until the mirror holds every event it was given, in order. */
    private Future<Void> catchUp(Link l, Step first) {
        catchingUp = true;
        return round(l, first, MAX_ROUNDS);
    }

    /**
     * One sync or reload, then the next step. The catch-up ends only when the kept events drain
     * without a gap, checked in the same turn that lets live events through again, so an event that
     * came while the last answer was on its way is never left behind.
     */
    private Future<Void> round(Link l, Step step, int left) {
        if (l != link) {
            return Future.failedFuture(new VertxException("the link was replaced", true));
        }
        Step needed = step == Step.DONE ? drain() : step;
        if (needed == Step.DONE) {
            catchingUp = false;
            return Future.succeededFuture();
        }
        if (left == 0) {
            return Future.failedFuture(new VertxException("the node's answers did not add up after "
                    + MAX_ROUNDS + " syncs in a row", true));
        }
        Future<Step> next = needed == Step.SYNC ? syncOnce(l) : reloadOnce(l);
        return next.compose(after -> round(l, after, left - 1));
    }

    /**
     * {@code pos.orders.sync} since the mirror's sequence: the events after it (then the mirror must
     * reach {@code server_sequence}, or the answer did not add up and the mirror reloads), or with
     * {@code requires_full_sync} the active orders as of {@code server_sequence}.
     */
    private Future<Step> syncOnce(Link l) {
        syncs++;
        return ask(l, Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", orders.sequence())).map(reply -> {
            if (l != link) {
                return Step.DONE; // superseded: round() fails it
            }
            refused(Addresses.ORDERS_SYNC, reply);
            long server = sequence(reply, "server_sequence", Addresses.ORDERS_SYNC);
            if (Boolean.TRUE.equals(reply.getValue("requires_full_sync"))) {
                fullSyncs++;
                replace(server, reply.getValue("active_orders"), Addresses.ORDERS_SYNC);
                return drain();
            }
            if (!(reply.getValue("events") instanceof JsonArray events)) {
                throw malformed(Addresses.ORDERS_SYNC, "no events");
            }
            for (Object value : events) {
                if (value instanceof JsonObject event && event.getValue("sequence") instanceof Number n
                        && n.longValue() > orders.sequence()) {
                    buffered.put(n.longValue(), event);
                }
            }
            Step step = drain();
            return orders.sequence() < server ? Step.RELOAD : step;
        });
    }

    /** {@code pos.orders.active}: replaces the mirror with the node's active orders. */
    private Future<Step> reloadOnce(Link l) {
        reloads++;
        return ask(l, Addresses.ORDERS_ACTIVE, new JsonObject()).map(reply -> {
            if (l != link) {
                return Step.DONE;
            }
            refused(Addresses.ORDERS_ACTIVE, reply);
            replace(sequence(reply, "server_sequence", Addresses.ORDERS_ACTIVE), reply.getValue("orders"),
                    Addresses.ORDERS_ACTIVE);
            return drain();
        });
    }

    /**
     * Applies the kept events in sequence order: skips what the mirror holds, stops at a gap (a sync
     * is next) or at an event that does not fit (a reload is next).
     */
    private Step drain() {
        while (!buffered.isEmpty()) {
            Map.Entry<Long, JsonObject> next = buffered.firstEntry();
            long sequence = next.getKey();
            if (sequence <= orders.sequence()) {
                buffered.pollFirstEntry();
                eventsSkipped++;
            } else if (sequence > orders.sequence() + 1) {
                gaps++;
                return Step.SYNC;
            } else {
                buffered.pollFirstEntry();
                if (!apply(next.getValue())) {
                    return Step.RELOAD;
                }
            }
        }
        return Step.DONE;
    }

    /** Folds the next event into the mirror; false when it cannot be read or does not fit. */
    private boolean apply(JsonObject json) {
        RecordedEvent event;
        ActiveOrders.Applied applied;
        try {
            event = EventJson.read(json.encode());
            applied = orders.apply(event);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "order event " + json.getValue("sequence")
                    + " does not fit the terminal's mirror; reloading it: " + e.getMessage());
            return false;
        }
        orders = applied.orders();
        eventsApplied++;
        changed(new Change.OrderChanged(event, applied.order()));
        return true;
    }

    private void replace(long sequence, Object list, String address) {
        if (!(list instanceof JsonArray array)) {
            throw malformed(address, "no list of orders");
        }
        List<Order> active = new ArrayList<>();
        for (Object value : array) {
            if (!(value instanceof JsonObject json)) {
                throw malformed(address, "an order that is not an object");
            }
            try {
                active.add(Json.MAPPER.readValue(json.encode(), Order.class));
            } catch (JsonProcessingException e) {
                throw malformed(address, "an order that cannot be read: " + e.getOriginalMessage());
            }
        }
        try {
            orders = ActiveOrders.of(sequence, active);
        } catch (IllegalArgumentException e) {
            throw malformed(address, e.getMessage());
        }
        changed(new Change.OrdersReloaded(sequence));
    }

    private void changed(Change change) {
        try {
            changeListener.accept(change);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a terminal's change listener failed on " + change, e);
        }
    }

    // --------------------------------------------------------------------------------- requests

    /** A request of the terminal's owner: sent only while online. */
    private Future<JsonObject> call(String address, JsonObject body) {
        return home.call(() -> state != State.ONLINE || link == null
                ? Future.failedFuture(new TerminalOfflineException(state, address,
                        state == State.REFUSED ? lastFailure : null))
                : ask(link, address, body));
    }

    /** A read: a {@code success: false} answer fails it; the answer is the caller's own copy. */
    private Future<JsonObject> read(String address, JsonObject body) {
        return call(address, body).map(reply -> {
            refused(address, reply);
            return reply.copy();
        });
    }

    /** The resource mirror's requests go over the link in use, online or still connecting. */
    private Future<JsonObject> resourceRequest(String address, JsonObject body) {
        return link == null ? Future.failedFuture(new TerminalOfflineException(state, address))
                : ask(link, address, body);
    }

    /** Every request goes here; one that reached no handler makes the terminal check that the node is still there. */
    private Future<JsonObject> ask(Link l, String address, JsonObject body) {
        Future<JsonObject> reply;
        try {
            reply = l.request(address, body, options.requestTimeout());
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        return reply.onFailure(e -> {
            if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
                home.run(() -> checkNow(l));
            }
        });
    }

    private static CommandResponse commandResponse(JsonObject reply) {
        try {
            return Json.MAPPER.readValue(reply.encode(), CommandResponse.class);
        } catch (JsonProcessingException e) {
            throw malformed(Addresses.ORDERS_COMMAND, "not a CommandResponse: " + e.getOriginalMessage());
        }
    }

    private static void refused(String address, JsonObject reply) {
        if (Boolean.FALSE.equals(reply.getValue("success"))) {
            JsonObject error = reply.getValue("error") instanceof JsonObject e ? e : new JsonObject();
            throw new RequestRefusedException(address, error.getString("code", "UNKNOWN"), error.getString("message"));
        }
    }

    private static long sequence(JsonObject reply, String key, String address) {
        if (reply.getValue(key) instanceof Number n && n.longValue() >= 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw malformed(address, "no " + key);
    }

    private static VertxException malformed(String address, String what) {
        return new VertxException("the node's reply on " + address + " is malformed: " + what, true);
    }

    // -------------------------------------------------------------------------------- threading

}
