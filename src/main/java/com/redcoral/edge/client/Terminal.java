package com.redcoral.edge.client;

import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A point-of-sale terminal's connection to its node: it sends commands and reads, and keeps a
 * read-only mirror of the active orders and of the resources (catalog and staff), following the
 * node's events. One interface, two transports, one addressing model: {@link #inProcess} talks over
 * the node's event bus in the same JVM, {@link #remote} over the event-bus bridge (a WebSocket,
 * {@code wss://} with a certificate or a token as the {@link BridgeOptions} say). Both send the same
 * JSON bodies to the same addresses and run the same mirror, sync and reconnection code.
 *
 * <p><b>The order mirror</b> ({@link #orders()}) applies {@code pos.orders.events} in sequence order,
 * each event exactly {@code last + 1}, folding it with the node's own pure order rules. It skips
 * events it already holds; an event above {@code last + 1} is a <em>gap</em>: it asks
 * {@code pos.orders.sync} since its last sequence and applies what comes back (or replaces itself
 * with {@code active_orders} when the node answers {@code requires_full_sync}). An event that does
 * not fit its order, or a sync answer that does not add up, reloads the mirror from
 * {@code pos.orders.active}. Events arriving meanwhile are kept and applied afterwards.
 *
 * <p><b>The resource mirror</b> ({@link #resources()}) is a {@link ResourceMirror}, by its rules:
 * versions per type, catching up by changes, an epoch compared after each reconnection.
 *
 * <p><b>States.</b> {@link State#CONNECTING} while it reaches the node, registers and syncs;
 * {@link State#ONLINE} once both mirrors are caught up; {@link State#OFFLINE} after the node was lost
 * or could not be reached, until the next try; {@link State#REFUSED} for good once the node refused the
 * terminal's credential (only a new one can help); {@link State#CLOSED} for good after {@link #close()}.
 * After a loss it tries again after {@link Backoff} delays (exponential, capped, with jitter), each
 * time in the same order: register for {@code pos.orders.events} and {@code pos.resources.sync} first,
 * then sync the orders since the last sequence and reconcile the resources (a new epoch reloads them),
 * then {@code ONLINE}.
 *
 * <p><b>Requests</b> are sent only while {@code ONLINE}; otherwise they fail at once with a
 * {@link TerminalOfflineException} and nothing is sent. Any other failure of a command (the
 * connection closed before the answer, a timeout) leaves its outcome unknown: send the same command,
 * with the same {@code command_id}, again once online — the node answers a repeat with its first
 * answer and does nothing twice.
 *
 * <p><b>Threading.</b> A terminal belongs to the Vert.x context it was created on: its state changes
 * there, its futures complete there and its listeners run there. Every method may be called from any
 * thread. {@link #state()}, {@link #orders()} and {@link #lastFailure()} return immutable values and
 * may be read anywhere; {@link #resources()} and {@link #stats()} must be read on the terminal's
 * {@link #context()} (in a listener, or through {@code context().runOnContext}). Nothing blocks.
 */
public interface Terminal {

    /** Where a terminal stands with its node. */
    enum State {
        /** Reaching the node, registering and syncing; requests are refused. */
        CONNECTING,
        /** Connected and caught up: requests are sent, events applied as they come. */
        ONLINE,
        /** The node was lost or could not be reached; the next try comes after a backoff delay. */
        OFFLINE,
        /**
         * The node refused the terminal's credential — an unknown or revoked token, a revoked certificate,
         * none where one is needed — or revoked it while the terminal was online. For good: trying again
         * with the same credential cannot help, so the terminal does not; {@link #lastFailure()} holds the
         * node's refusal (a {@link BridgeRefusedException}). A terminal with a new credential is needed.
         */
        REFUSED,
        /** Closed by its owner, for good. */
        CLOSED
    }

    /** What changed in a terminal's mirrors, so that a screen redraws just that. */
    sealed interface Change {

        /** One event was applied: {@code order} is its order afterwards (no longer active when it closed). */
        record OrderChanged(RecordedEvent event, Order order) implements Change { }

        /** The order mirror was replaced as a whole (a full sync or a reload), now at {@code sequence}. */
        record OrdersReloaded(long sequence) implements Change { }

        /** The resource mirror changed (one item, or a whole type). */
        record ResourceChanged(ResourceMirror.Change change) implements Change { }
    }

    /**
     * What a terminal has done since it was created.
     *
     * @param eventsApplied order events applied, live or from a sync
     * @param eventsSkipped live events at or below the mirror's sequence (already held)
     * @param gaps live events above the mirror's sequence + 1
     * @param syncs {@code pos.orders.sync} requests
     * @param fullSyncs sync answers with {@code requires_full_sync}
     * @param reloads {@code pos.orders.active} reloads (an event that did not fit, an answer that did not add up)
     * @param connections times the terminal went online
     * @param losses times an online or connecting terminal lost the node
     */
    record Stats(long eventsApplied, long eventsSkipped, long gaps, long syncs, long fullSyncs, long reloads,
                 long connections, long losses) { }

    /**
     * A terminal in the node's JVM, on its event bus. Create it on the Vert.x context that will own it
     * (a verticle's, for instance); it starts connecting at once.
     *
     * <p>Here the bus never breaks, the node does: the terminal is offline while the node's verticles
     * are not deployed (the node stopped, or is restarting), which it finds by its heartbeat
     * ({@code NO_HANDLERS}), and online again once the node answers its probe.
     *
     * @throws IllegalStateException when not called on a context of {@code vertx}
     */
    static Terminal inProcess(Vertx vertx, TerminalOptions options) {
        return MirroringTerminal.start(vertx, new BusTransport(vertx, options.requestTimeout()), options);
    }

    /**
     * A terminal across the network, through the node's event-bus bridge at {@code bridge}
     * ({@code ws://host:port/eventbus/websocket}, see {@link BridgeConnection#bridgeUri}); TLS, a
     * client certificate or a token come with {@code bridgeOptions}. Create it on the Vert.x context
     * that will own it; it starts connecting at once.
     *
     * @throws IllegalStateException when not called on a context of {@code vertx}
     */
    static Terminal remote(Vertx vertx, URI bridge, BridgeOptions bridgeOptions, TerminalOptions options) {
        return MirroringTerminal.start(vertx, new BridgeTransport(vertx, bridge, bridgeOptions), options);
    }

    /** The terminal's state now. */
    State state();

    /**
     * Completes when the terminal is online (at once if it is); fails with a {@link TerminalOfflineException}
     * if it is or gets closed or refused first.
     */
    Future<Void> whenOnline();

    /** Why the last try or link failed (the node went away, a refused login…); empty while none has. */
    Optional<Throwable> lastFailure();

    /**
     * An offline terminal tries again at once instead of waiting out its delay (a till's "retry" button).
     * Nothing in any other state: a refused terminal stays refused.
     */
    void reconnectNow();

    /** Closes the terminal for good: its connection, timers and registrations end; waiting calls fail. */
    Future<Void> close();

    /**
     * Sends an OrderCommand (PROTOCOL.md §2, JSON) to {@code pos.orders.command}. Completes with the
     * node's CommandResponse — a refusal is {@code success: false} with its error code, not a failure.
     * The new state arrives as events in {@link #orders()}, not in the answer.
     */
    Future<CommandResponse> send(JsonObject command);

    /** {@code pos.orders.get}: the order's snapshot now. Fails with {@link RequestRefusedException} when the node refuses. */
    Future<JsonObject> get(String orderId);

    /** {@code pos.orders.get} with {@code at_sequence}: the order as it stood after that sequence. */
    Future<JsonObject> get(String orderId, long atSequence);

    /** {@code pos.orders.timeline}: {@code {order_id, events}}, every event of the order. */
    Future<JsonObject> timeline(String orderId);

    /** {@code pos.orders.audit}: {@code {order_id, entries}}, the order's events as audit sentences. */
    Future<JsonObject> audit(String orderId);

    /**
     * Any other request/reply address the node offers this terminal, with the same rules: sent only
     * while online, and a {@code success: false} answer fails with {@link RequestRefusedException}.
     */
    Future<JsonObject> request(String address, JsonObject body);

    /** The order mirror now: the node's active orders as of its sequence. Immutable; read it anywhere. */
    ActiveOrders orders();

    /** The resource mirror; read it on {@link #context()}. */
    ResourceView resources();

    /** Counters of what the terminal did; read on {@link #context()}. */
    Stats stats();

    /** The Vert.x context the terminal belongs to. */
    Context context();

    /**
     * Called on the terminal's context after every change of a mirror, once the mirror already reads
     * the new state. Replaces the previous listener; one that throws is logged and the terminal carries on.
     */
    Terminal onChange(Consumer<Change> listener);

    /** Called on the terminal's context after every change of {@link #state()}. Replaces the previous listener. */
    Terminal onStateChange(Consumer<State> listener);
}
