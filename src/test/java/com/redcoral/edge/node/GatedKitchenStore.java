package com.redcoral.edge.node;

import com.redcoral.edge.kitchen.KitchenChange;
import com.redcoral.edge.kitchen.KitchenState;
import com.redcoral.edge.kitchen.KitchenStore;
import java.util.List;
import java.util.Optional;

/** A kitchen store whose {@link DiskGate} the test controls, as {@link GatedStore} for the ledger. */
final class GatedKitchenStore implements KitchenStore {

    private final KitchenStore store;
    final DiskGate disk = new DiskGate();

    GatedKitchenStore(KitchenStore store) {
        this.store = store;
    }

    @Override
    public Optional<KitchenState> load() {
        return store.load();
    }

    @Override
    public void write(List<KitchenChange> changes, long checkpoint) {
        disk.pass();
        store.write(changes, checkpoint);
    }
}
