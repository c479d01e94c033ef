package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A ledger store whose {@link DiskGate} the test controls.
 */
final class GatedStore implements LedgerStore {

    private final LedgerStore store;
    final DiskGate disk = new DiskGate();

    GatedStore(LedgerStore store) {
        this.store = store;
    }

    @Override
    public void append(Commit commit) {
        disk.pass();
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
