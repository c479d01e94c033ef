package com.redcoral.edge.node;

import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.resource.ResourceChange;
import com.redcoral.edge.resource.ResourceState;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** A resource store whose writes a test can hold at the gate or make fail, as {@link GatedStore} does for the ledger. */
final class GatedResourceStore implements ResourceStore {

    private final ResourceStore store;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Semaphore waiting = new Semaphore(0);
    private volatile boolean broken;

    GatedResourceStore(ResourceStore store) {
        this.store = store;
    }

    /** Holds the next writes at the gate (the writes before, such as the bootstrap, are forgotten). */
    void hold() {
        waiting.drainPermits();
        gate = new CountDownLatch(1);
    }

    void awaitHeldWrite() throws InterruptedException {
        if (!waiting.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no resource write reached the store within 10 s");
        }
    }

    void release() {
        gate.countDown();
    }

    void breakDisk() {
        broken = true;
    }

    void repair() {
        broken = false;
    }

    @Override
    public ResourceState load() {
        return store.load();
    }

    @Override
    public void write(List<ResourceChange> changes, int changesKept) {
        waiting.release();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerStoreException("interrupted at the gate", e);
        }
        if (broken) {
            throw new LedgerStoreException("the disk is gone (test)");
        }
        store.write(changes, changesKept);
    }

    @Override
    public Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo) {
        return store.changes(type, since, upTo);
    }
}
