package com.redcoral.edge.resource;

/**
 * A position in one resource type's history: 0 before the first change, then exactly one more per
 * change of that type. An item's version is the type's version at the item's last change, which is
 * what {@code expected_version} is compared with.
 */
public record ResourceVersion(long value) implements Comparable<ResourceVersion> {

    public static final ResourceVersion ZERO = new ResourceVersion(0);

    public ResourceVersion {
        if (value < 0) {
            throw new IllegalArgumentException("a resource version is 0 or more, was " + value);
        }
    }

    public static ResourceVersion of(long value) {
        return new ResourceVersion(value);
    }

    public ResourceVersion next() {
        return new ResourceVersion(value + 1);
    }

    public boolean isAfter(ResourceVersion other) {
        return value > other.value;
    }

    @Override
    public int compareTo(ResourceVersion other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
