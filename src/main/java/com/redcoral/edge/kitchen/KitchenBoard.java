package com.redcoral.edge.kitchen;

import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.order.RecordedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runner around {@link KitchenProjection}: folds committed order events and the displays' bumps and
 * recalls into the kitchen's state, writing each step to the {@link KitchenStore} (one synced write, the
 * checkpoint with it) before anyone is told. Every write also drops what the {@link KitchenPolicy} no longer
 * keeps, so the store holds what displays can still show.
 *
 * <p>When a write fails, the state it had folded the step into no longer matches the store: the board reads
 * the state back from the store before its next step, so nothing unwritten is ever shown or built upon.
 *
 * <p>One owner: not thread-safe, and its calls block on the store.
 */
public final class KitchenBoard {

    private final KitchenStore store;
    private final KitchenRouting routing;
    private final KitchenPolicy policy;
    private KitchenState state;
    private boolean stale;

    /** The board as the store last saw it; {@link #isNew} until {@link #begin} when it never saw anything. */
    public KitchenBoard(KitchenStore store, KitchenRouting routing, KitchenPolicy policy) {
        this.store = store;
        this.routing = routing;
        this.policy = policy;
        this.state = store.load().orElse(null);
    }

    /** Whether the kitchen never started on this store (no checkpoint). */
    public boolean isNew() {
        return state == null;
    }

    /**
     * Starts a new kitchen at the ledger's head: it makes tickets for what is rung up from now on, not for
     * what was rung up before it existed, and knows where the active orders' food goes.
     */
    public void begin(long headSequence, List<OrderTable> activeOrders) {
        if (state != null) {
            throw new IllegalStateException("the kitchen already started, at sequence " + state.checkpoint());
        }
        store.write(activeOrders.stream().<KitchenChange>map(KitchenChange.TableSet::new).toList(), headSequence);
        state = KitchenState.startingAt(headSequence, activeOrders);
    }

    /** The sequence of the last order event folded in. */
    public long checkpoint() {
        return current().checkpoint();
    }

    /** The state as written; read only, and only by the board's owner. */
    public KitchenState state() {
        return current();
    }

    /**
     * Folds committed events in, with one write: those at or before the checkpoint are skipped (already in),
     * the rest must continue it without a gap.
     *
     * @param now the node's clock, for dropping what is no longer kept
     * @return the ticket changes a cook sees, in order, to publish
     * @throws IllegalArgumentException when the events do not follow the checkpoint (nothing is folded in):
     *     read the ones between first
     */
    public List<TicketChanged> apply(List<RecordedEvent> events, long now) {
        KitchenState working = current();
        long expected = working.checkpoint() + 1;
        List<RecordedEvent> fresh = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (event.sequence() < expected) {
                continue;
            }
            if (event.sequence() != expected) {
                throw new IllegalArgumentException("event " + event.sequence() + " does not follow the kitchen's "
                        + "checkpoint " + (expected - 1));
            }
            fresh.add(event);
            expected++;
        }
        if (fresh.isEmpty()) {
            return List.of();
        }
        return step(() -> {
            List<KitchenChange> changes = new ArrayList<>();
            for (RecordedEvent event : fresh) {
                List<KitchenChange> projected = KitchenProjection.project(working, event, routing);
                KitchenProjection.evolve(working, projected);
                working.checkpointAt(event.sequence());
                changes.addAll(projected);
            }
            return changes;
        }, now);
    }

    /** A bump or recall: decided, and when it changes the ticket, written (with what is no longer kept) before it is answered. */
    public KitchenDecision decide(KitchenCommand command) {
        KitchenDecision decision = KitchenProjection.decide(current(), command, policy);
        if (decision instanceof KitchenDecision.Changed changed) {
            step(() -> {
                KitchenProjection.evolve(state, changed.change());
                return List.of(changed.change());
            }, command.at());
        }
        return decision;
    }

    /** The destination's tickets a display shows at {@code now}, oldest first. */
    public List<KitchenTicket> listed(String destinationId, long now) {
        return current().listed(destinationId, now, policy);
    }

    public KitchenPolicy policy() {
        return policy;
    }

    /** Folds a step in, drops what is no longer kept, writes it all; on any failure the state is read back before the next step. */
    private List<TicketChanged> step(Supplier<List<KitchenChange>> fold, long now) {
        try {
            List<KitchenChange> changes = new ArrayList<>(fold.get());
            List<KitchenChange> pruned = KitchenProjection.prune(state, now, policy);
            KitchenProjection.evolve(state, pruned);
            changes.addAll(pruned);
            store.write(changes, state.checkpoint());
            return changes.stream().filter(TicketChanged.class::isInstance).map(TicketChanged.class::cast).toList();
        } catch (RuntimeException e) {
            stale = true;
            throw e;
        }
    }

    private KitchenState current() {
        if (stale) {
            state = store.load().orElseThrow(() -> new IllegalStateException("the kitchen's store lost its state"));
            stale = false;
        }
        if (state == null) {
            throw new IllegalStateException("the kitchen has not begun: call begin first");
        }
        return state;
    }
}
