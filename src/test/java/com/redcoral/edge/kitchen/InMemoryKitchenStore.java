package com.redcoral.edge.kitchen;

import java.util.List;
import java.util.Optional;

/**
 * A {@link KitchenStore} in memory, held to {@link KitchenStoreContract}: a write folds into a copy that then
 * replaces the kept state, so it is atomic; a load hands out a copy, as a store read from disk would.
 */
public final class InMemoryKitchenStore implements KitchenStore {

    private KitchenState state;
    private int writes;

    @Override
    public synchronized Optional<KitchenState> load() {
        return Optional.ofNullable(state).map(KitchenState::copy);
    }

    @Override
    public synchronized void write(List<KitchenChange> changes, long checkpoint) {
        KitchenState next = state != null ? state.copy() : KitchenState.startingAt(0, List.of());
        KitchenProjection.evolve(next, changes).checkpointAt(checkpoint);
        state = next;
        writes++;
    }

    /** How many writes were made. */
    public synchronized int writes() {
        return writes;
    }
}
