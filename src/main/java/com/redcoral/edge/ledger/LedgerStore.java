package com.redcoral.edge.ledger;

import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the ledger keeps the store's orders durably: the global event log, an index of each
 * order's events, the latest snapshot of every order, the set of active orders, the first response
 * to every command id, and the head of the log (last sequence and hash).
 *
 * <p>Only the ledger's single writer calls {@link #append}; every read may come from any thread.
 * All calls block (disk), so none is made on an event loop.
 */
public interface LedgerStore extends AutoCloseable {

    /**
     * Writes one group commit atomically and durably (fsync before returning): after a crash either
     * all of it is there or none of it. Throws {@link LedgerStoreException} when it cannot; then none
     * of it is visible.
     */
    void append(Commit commit);

    /** The last committed sequence and its hash; {@link Head#EMPTY} for a new store. */
    Head head();

    /** The first response given to this command id, if it was ever committed. */
    Optional<CommandResponse> response(String commandId);

    /** The order as of its last committed event. */
    Optional<Order> snapshot(String orderId);

    /** Every order whose status is ACTIVE, as stored. */
    List<Order> activeOrders();

    /** Events with {@code after < sequence <= upTo}, ascending, with their hashes: a {@link #scan}, read. */
    default List<RecordedEvent> events(long after, long upTo) {
        List<RecordedEvent> found = new ArrayList<>();
        scan(after, (sequence, hash, canonical) -> {
            if (sequence > upTo) {
                return false;
            }
            found.add(EventChain.read(hash, canonical));
            return true;
        });
        return found;
    }

    /** Every event of one order, ascending; empty when the order does not exist. */
    List<RecordedEvent> orderEvents(String orderId);

    /**
     * Visits the log in sequence order from {@code after + 1} to the end, giving each event as stored:
     * its key's sequence, its hash and its canonical bytes ({@link EventChain}). {@code verify} uses
     * this to check the chain without rebuilding the canonical form.
     */
    void scan(long after, RawEventVisitor visitor);

    /** Visits every stored snapshot (active or not), in no particular order. */
    void scanSnapshots(java.util.function.Consumer<Order> visitor);

    @Override
    void close();

    /** The end of the log. */
    record Head(long sequence, String hash) {
        public static final Head EMPTY = new Head(0, EventChain.GENESIS);
    }

    @FunctionalInterface
    interface RawEventVisitor {
        /** Return false to stop the scan. */
        boolean visit(long sequence, String hash, byte[] canonical);
    }
}
