package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where resources are kept. Every {@link #write} is atomic and durable before it returns: items (or their
 * removal), versions and change-log entries are written together, so after a
 * crash the three always agree. Implementations are safe to read from any thread while one writer
 * writes.
 */
public interface ResourceStore {

    /** Every item and every type's version, as last written. */
    ResourceState load();

    /**
     * Writes changes, in order, in one atomic and durable write: for each, the item (or its removal),
     * the type's version and the change-log entry ({@link ResourceChange#logJson()}); each type then
     * keeps its last {@code changesKept} log entries. Each change's version must be its type's next
     * one (counting the changes before it in the list), otherwise nothing is written and a
     * {@code LedgerStoreException} says so: versions never skip or repeat, even under a caller's bug.
     */
    void write(List<ResourceChange> changes, int changesKept);

    /**
     * The log entries of {@code type} with a version in ({@code since}, {@code upTo}], in order;
     * {@code complete} is false — and {@code entries} empty — when the log no longer reaches back to
     * {@code since + 1}, and when {@code since} is after {@code upTo} (a version this store never
     * had, such as a terminal's from before a restore).
     */
    Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo);

    record Changes(boolean complete, List<ObjectNode> entries) {
        public Changes {
            entries = List.copyOf(entries);
        }
    }
}
