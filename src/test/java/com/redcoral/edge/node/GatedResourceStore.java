package com.redcoral.edge.node;

import com.redcoral.edge.resource.ResourceChange;
import com.redcoral.edge.resource.ResourceState;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import java.util.List;

/** A resource store whose {@link DiskGate} the test controls, as {@link GatedStore} for the ledger. */
final class GatedResourceStore implements ResourceStore {

    private final ResourceStore store;
    final DiskGate disk = new DiskGate();

    GatedResourceStore(ResourceStore store) {
        this.store = store;
    }

    @Override
    public ResourceState load() {
        return store.load();
    }

    @Override
    public void write(List<ResourceChange> changes, int changesKept) {
        disk.pass();
        store.write(changes, changesKept);
    }

    @Override
    public Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo) {
        return store.changes(type, since, upTo);
    }
}
