package com.redcoral.edge.resource;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every resource the node holds, with each type's version: an immutable value, so a list reply reads
 * a type's items and version from one state and they always belong together. {@link #apply} is the
 * fold (evolve) of one change; it refuses a change whose version is not the type's next one.
 */
public final class ResourceState {

    private static final ResourceState EMPTY = new ResourceState(new EnumMap<>(ResourceType.class));

    /** One type's items, by id, and its version. */
    public record Shelf(ResourceVersion version, SortedMap<String, ResourceItem> items) {
        static final Shelf EMPTY = new Shelf(ResourceVersion.ZERO, Collections.emptySortedMap());
    }

    private final Map<ResourceType, Shelf> shelves;

    private ResourceState(Map<ResourceType, Shelf> shelves) {
        this.shelves = shelves;
    }

    public static ResourceState empty() {
        return EMPTY;
    }

    /** A state as a store holds it; every item's version must be at most its type's version. */
    public static ResourceState of(Map<ResourceType, ResourceVersion> versions,
                                   Map<ResourceType, List<ResourceItem>> items) {
        Map<ResourceType, Shelf> shelves = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            ResourceVersion version = versions.getOrDefault(type, ResourceVersion.ZERO);
            SortedMap<String, ResourceItem> byId = new TreeMap<>();
            for (ResourceItem item : items.getOrDefault(type, List.of())) {
                if (item.version().isAfter(version)) {
                    throw new IllegalArgumentException(type + " " + item.id() + " has version " + item.version()
                            + ", after the type's version " + version);
                }
                if (byId.put(item.id(), item) != null) {
                    throw new IllegalArgumentException(type + " " + item.id() + " appears twice");
                }
            }
            if (!byId.isEmpty() || version.isAfter(ResourceVersion.ZERO)) {
                shelves.put(type, new Shelf(version, Collections.unmodifiableSortedMap(byId)));
            }
        }
        return new ResourceState(shelves);
    }

    public Shelf shelf(ResourceType type) {
        return shelves.getOrDefault(type, Shelf.EMPTY);
    }

    public ResourceVersion version(ResourceType type) {
        return shelf(type).version();
    }

    public Optional<ResourceItem> item(ResourceType type, String id) {
        return Optional.ofNullable(shelf(type).items().get(id));
    }

    /** The type's items in id order. */
    public Collection<ResourceItem> items(ResourceType type) {
        return shelf(type).items().values();
    }

    /** Every type's version, in {@link ResourceType} order. */
    public Map<ResourceType, ResourceVersion> versions() {
        Map<ResourceType, ResourceVersion> versions = new EnumMap<>(ResourceType.class);
        for (ResourceType type : ResourceType.values()) {
            versions.put(type, version(type));
        }
        return Collections.unmodifiableMap(versions);
    }

    /** Whether nothing was ever written: every version is 0. */
    public boolean isNew() {
        return shelves.values().stream().noneMatch(s -> s.version().isAfter(ResourceVersion.ZERO));
    }

    /** The state after {@code change}, which must carry the type's next version. */
    public ResourceState apply(ResourceChange change) {
        Shelf shelf = shelf(change.type());
        if (!change.version().equals(shelf.version().next())) {
            throw new IllegalStateException(change.type() + " is at version " + shelf.version()
                    + "; a change with version " + change.version() + " does not follow it");
        }
        TreeMap<String, ResourceItem> items = new TreeMap<>(shelf.items());
        if (change.after() == null) {
            items.remove(change.id());
        } else {
            items.put(change.id(), change.after());
        }
        Map<ResourceType, Shelf> shelves = new EnumMap<>(ResourceType.class);
        shelves.putAll(this.shelves);
        shelves.put(change.type(), new Shelf(change.version(), Collections.unmodifiableSortedMap(items)));
        return new ResourceState(shelves);
    }
}
