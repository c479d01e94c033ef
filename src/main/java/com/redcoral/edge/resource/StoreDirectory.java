package com.redcoral.edge.resource;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import java.util.Optional;

/**
 * The store's staff and catalog as the ledger reads them when it decides a command: who the
 * operator is (and what their role may do), whether an approver's PIN is theirs, and the products,
 * tables and zones. Read on the ledger's decision thread, except {@link #verifyPin}, which is slow by
 * design (a key-derivation function) and is called from other threads: implementations are
 * thread-safe.
 */
public interface StoreDirectory {

    Catalog catalog();

    /** The active employee with this id, with their role's permissions; empty for anyone else. */
    Optional<Actor> employee(String employeeId);

    /** Whether {@code pin} is the PIN of the active employee {@code employeeId}, with guessing throttled. */
    PinGuard.Result verifyPin(String employeeId, String pin);
}
