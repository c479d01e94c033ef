package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Where resources are kept. Every {@link #write} is atomic and durable before it returns: the item
 * (or its removal), the type's version and the change-log entry are written together, so after a
 * crash the three always agree. Implementations are safe to read from any thread while one writer
 * writes.
 */
public interface ResourceStore {

    /** Every item and every type's version, as last written. */
    ResourceState load();

    /**
     * Writes one change: the item, the type's version and the change-log entry ({@link
     * ResourceChange#logJson()}), and drops the type's log entries with a version below
     * {@code keepFrom} in the same write. Refuses, with nothing written, a change whose version is not
     * the type's stored version + 1 ({@code LedgerStoreException}: versions never skip or repeat, even
     * under a caller's bug) and a {@code keepFrom} after the change's version, which would drop the
     * entry being written (IllegalArgumentException).
     */
    void write(ResourceChange change, ResourceVersion keepFrom);

    /**
     * The log entries of {@code type} with a version in ({@code since}, {@code upTo}], in order;
     * {@code complete} is false — and {@code entries} empty — when the log no longer reaches back to
     * {@code since + 1}.
     */
    Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo);

    record Changes(boolean complete, List<ObjectNode> entries) {
        public Changes {
            entries = List.copyOf(entries);
        }
    }
}
