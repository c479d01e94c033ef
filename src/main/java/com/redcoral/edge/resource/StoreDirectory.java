package com.redcoral.edge.resource;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import java.util.Optional;

/**
 * The store's staff and catalog as the ledger reads them when it decides a command: who the
 * operator is (and what their role may do), whether an approver's PIN is theirs, and the products,
 * tables and zones. Read on the ledger's decision thread, except {@link #approver}, which is slow by
 * design (a key-derivation function) and is called from other threads: implementations are
 * thread-safe.
 */
public interface StoreDirectory {

    Catalog catalog();

    /** The active employee with this id, with their role's permissions; empty for anyone else. */
    Optional<Actor> employee(String employeeId);

    /** The active employee with this id, if {@code pin} is their PIN; empty otherwise. */
    Optional<Actor> approver(String employeeId, String pin);
}
