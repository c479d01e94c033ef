package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.ledger.LedgerStoreException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A {@link ResourceStore} in memory, for tests that need one without a disk. It keeps the RocksDB
 * store's rules ({@link ResourceStoreContract} holds both to them): a change must carry its type's
 * next version, each type's log keeps its last {@code changesKept} versions, and {@link
 * #changes} says when the log no longer reaches back. Every call holds the store's lock, so a reader
 * on another thread sees whole writes.
 */
public final class InMemoryResourceStore implements ResourceStore {

    private final Map<ResourceType, NavigableMap<Long, ObjectNode>> logs = new EnumMap<>(ResourceType.class);
    private ResourceState state = ResourceState.empty();

    @Override
    public synchronized ResourceState load() {
        return state;
    }

    @Override
    public synchronized void write(List<ResourceChange> changes, int changesKept) {
        if (changesKept < 1) {
            throw new IllegalArgumentException("the change log keeps at least the last change, not " + changesKept);
        }
        ResourceState next = state;
        for (ResourceChange change : changes) {
            ResourceVersion stored = next.version(change.type());
            if (!change.version().equals(stored.next())) {
                throw new LedgerStoreException(change.type() + " is at version " + stored + "; a change with version "
                        + change.version() + " does not follow it");
            }
            next = next.apply(change);
        }
        state = next;
        for (ResourceChange change : changes) {
            NavigableMap<Long, ObjectNode> log = logs.computeIfAbsent(change.type(), t -> new TreeMap<>());
            log.put(change.version().value(), change.logJson());
            log.headMap(change.version().value() - changesKept + 1).clear();
        }
    }

    @Override
    public synchronized Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo) {
        NavigableMap<Long, ObjectNode> log = logs.getOrDefault(type, Collections.emptyNavigableMap());
        if (since.isAfter(upTo)) {
            return new Changes(false, List.of());
        }
        if (since.equals(upTo)) {
            return new Changes(true, List.of());
        }
        if (!log.isEmpty() && log.firstKey() > since.value() + 1) {
            return new Changes(false, List.of());
        }
        return new Changes(true, log.subMap(since.value(), false, upTo.value(), true).values().stream()
                .map(ObjectNode::deepCopy).toList());
    }
}
