package com.redcoral.edge.kitchen;

import java.util.List;
import java.util.Optional;

/**
 * Where the kitchen keeps its state: the tickets, where each active order's food goes, and the checkpoint
 * (the sequence of the last order event folded in). Every {@link #write} is atomic and durable (synced)
 * before it returns, so after a crash the tickets and the checkpoint always agree, and the projection
 * picks up exactly after the last event it wrote.
 *
 * <p>One writer; calls block (disk), so none is made on an event loop.
 */
public interface KitchenStore {

    /** The state as last written; empty when nothing was ever written (the kitchen never started on this store). */
    Optional<KitchenState> load();

    /**
     * Writes the changes, in order (a later one of the same ticket or order wins), and the checkpoint, in
     * one atomic, durable write.
     */
    void write(List<KitchenChange> changes, long checkpoint);
}
