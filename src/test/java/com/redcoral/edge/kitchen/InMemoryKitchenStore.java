package com.redcoral.edge.kitchen;

import java.util.List;
import java.util.Optional;

/** A {@link KitchenStore} in memory, held to {@link KitchenStoreContract}; a write is one assignment, so atomic. */
public final class InMemoryKitchenStore implements KitchenStore {

    private volatile KitchenState state;
    private int writes;

    @Override
    public Optional<KitchenState> load() {
        return Optional.ofNullable(state);
    }

    @Override
    public synchronized void write(List<KitchenChange> changes, long checkpoint) {
        KitchenState before = state != null ? state : KitchenState.startingAt(0, List.of());
        state = KitchenProjection.evolve(before, changes).at(checkpoint);
        writes++;
    }

    /** How many writes were made. */
    public synchronized int writes() {
        return writes;
    }
}
