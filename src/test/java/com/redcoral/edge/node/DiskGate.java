package com.redcoral.edge.node;

import com.redcoral.edge.ledger.LedgerStoreException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The disk under a test's store: {@link #hold()} makes the next writes wait (as a slow fsync does)
 * until {@link #release()}; {@link #breakDisk()} makes every write fail until {@link #repair()}.
 * A store wrapper calls {@link #pass()} before each write.
 */
final class DiskGate {

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final Semaphore waiting = new Semaphore(0);
    private volatile boolean broken;

    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Waits until a write is being held at the gate. */
    void awaitHeldWrite() throws InterruptedException {
        if (!waiting.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no write reached the store within 10 s");
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

    /** Before a write: waits while the gate is held, then fails if the disk is broken. */
    void pass() {
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
    }
}
