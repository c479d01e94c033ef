package com.redcoral.edge.bench;

/**
 * The bench's clock, in {@link System#nanoTime()}: it began at {@code origin}, and measures from
 * {@code start} (after the warm-up) until {@code end}.
 */
record Window(long origin, long start, long end) {

    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }

    double seconds() {
        return (end - start) / 1e9;
    }
}
