package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A store whose disk the test controls: {@link #hold()} makes the next appends wait (as a slow
 * fsync does) until {@link #release()}; {@link #breakDisk()} makes every append fail.
 */
final class GatedStore implements LedgerStore {

    private final LedgerStore store;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Semaphore waiting = new Semaphore(0);
    private volatile boolean broken;

    GatedStore(LedgerStore store) {
        this.store = store;
    }

    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Waits until an append is being held at the gate. */
    void awaitHeldAppend() throws InterruptedException {
        if (!waiting.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no append reached the store within 10 s");
        }
    }

    void release() {
        gate.countDown();
    }

    void breakDisk() {
        broken = true;
    }

    @Override
    public void append(Commit commit) {
        CountDownLatch current = gate;
        if (current.getCount() > 0) {
            waiting.release();
            try {
                current.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LedgerStoreException("interrupted", e);
            }
        }
        if (broken) {
            throw new LedgerStoreException("simulated disk failure: No space left on device");
        }
        store.append(commit);
    }

    @Override
    public Head head() {
        return store.head();
    }

    @Override
    public Optional<CommandResponse> response(String commandId) {
        return store.response(commandId);
    }

    @Override
    public Optional<Order> snapshot(String orderId) {
        return store.snapshot(orderId);
    }

    @Override
    public List<Order> activeOrders() {
        return store.activeOrders();
    }

    @Override
    public List<RecordedEvent> orderEvents(String orderId) {
        return store.orderEvents(orderId);
    }

    @Override
    public void scan(long after, RawEventVisitor visitor) {
        store.scan(after, visitor);
    }

    @Override
    public void scanSnapshots(Consumer<Order> visitor) {
        store.scanSnapshots(visitor);
    }

    @Override
    public void close() {
        store.close();
    }
}
