package com.redcoral.edge.kitchen;

import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.order.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The runner around {@link KitchenProjection}: folds committed order events and the displays' bumps and
 * recalls into the kitchen's state, writing each step to the {@link KitchenStore} (one synced write, the
 * checkpoint with it) before anyone sees it. Every write also drops the tickets done longer than the
 * recall window ago, so the store holds what displays can still show plus what is open.
 *
 * <p>One owner: not thread-safe, and its calls block on the store's writes.
 */
public final class KitchenBoard {

    private final KitchenStore store;
    private final KitchenRouting routing;
    private final long recallWindowMs;
    private KitchenState state;

    /** The board as the store last saw it; {@link #isNew} until {@link #begin} when it never saw anything. */
    public KitchenBoard(KitchenStore store, KitchenRouting routing, long recallWindowMs) {
        this.store = store;
        this.routing = routing;
        this.recallWindowMs = recallWindowMs;
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
        KitchenState started = KitchenState.startingAt(headSequence, activeOrders);
        store.write(activeOrders.stream().<KitchenChange>map(KitchenChange.TableSet::new).toList(), headSequence);
        state = started;
    }

    /** The sequence of the last order event folded in. */
    public long checkpoint() {
        return current().checkpoint();
    }

    public KitchenState state() {
        return current();
    }

    /**
     * Folds committed events in, in one write: those at or before the checkpoint are skipped (already
     * in), the rest must continue it without a gap.
     *
     * @param now the node's clock, for dropping old tickets
     * @return the ticket changes a cook sees, in order, to publish
     * @throws IllegalArgumentException when an event does not follow the checkpoint: read the ones between first
     */
    public List<TicketChanged> apply(List<RecordedEvent> events, long now) {
        KitchenState next = current();
        List<KitchenChange> changes = new ArrayList<>();
        for (RecordedEvent event : events) {
            if (event.sequence() <= next.checkpoint()) {
                continue;
            }
            if (event.sequence() != next.checkpoint() + 1) {
                throw new IllegalArgumentException("event " + event.sequence() + " does not follow the kitchen's "
                        + "checkpoint " + next.checkpoint());
            }
            List<KitchenChange> projected = KitchenProjection.project(next, event, routing);
            changes.addAll(projected);
            next = KitchenProjection.evolve(next, projected).at(event.sequence());
        }
        if (next.checkpoint() == current().checkpoint()) {
            return List.of();
        }
        List<KitchenChange> pruned = KitchenProjection.prune(next, now, recallWindowMs);
        changes.addAll(pruned);
        store.write(changes, next.checkpoint());
        state = KitchenProjection.evolve(next, pruned);
        return changes.stream().filter(TicketChanged.class::isInstance).map(TicketChanged.class::cast).toList();
    }

    /** A bump or recall: decided, and when it changes the ticket, written (with old tickets dropped) before it is answered. */
    public KitchenDecision decide(KitchenCommand command) {
        KitchenState before = current();
        KitchenDecision decision = KitchenProjection.decide(before, command, recallWindowMs);
        if (decision instanceof KitchenDecision.Changed changed) {
            KitchenState next = KitchenProjection.evolve(before, changed.change());
            List<KitchenChange> changes = new ArrayList<>(List.of(changed.change()));
            List<KitchenChange> pruned = KitchenProjection.prune(next, command.at(), recallWindowMs);
            changes.addAll(pruned);
            store.write(changes, before.checkpoint());
            state = KitchenProjection.evolve(next, pruned);
        }
        return decision;
    }

    /** The destination's tickets a display shows at {@code now}: open, or done within the recall window; oldest first. */
    public List<KitchenTicket> listed(String destinationId, long now) {
        return current().listed(destinationId, now, recallWindowMs);
    }

    public long recallWindowMs() {
        return recallWindowMs;
    }

    private KitchenState current() {
        if (state == null) {
            throw new IllegalStateException("the kitchen has not begun: call begin first");
        }
        return state;
    }
}
