package com.redcoral.edge.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a {@link Terminal} or a {@link KitchenDisplay} waits before it tries the node again: exponential,
 * capped, with jitter.
 *
 * <p>The {@code n}-th retry after a failure (counting from 0) waits a random time in
 * {@code [ceiling(n) × (1 − jitter), ceiling(n)]}, where {@code ceiling(n) = min(max, initial × 2^n)}.
 * So every delay lies between {@code initial × (1 − jitter)} and {@code max}; the ceiling doubles with
 * each failure in a row until it reaches {@code max} and stays there. The jitter spreads a store's
 * tills out after a node restart, so they do not all knock at the same instant.
 *
 * @param initial the ceiling of the first retry; positive
 * @param max the largest delay; at least {@code initial}
 * @param jitter the share of each ceiling taken off at random, from 0 (none: exactly the ceiling)
 *     to 1 (anything from 0 up to the ceiling)
 */
public record Backoff(Duration initial, Duration max, double jitter) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max (" + max + ") must be at least initial (" + initial + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be from 0 to 1, was " + jitter);
        }
    }

    /** A quarter of a second at first, doubling up to 30 s, each delay somewhere in its upper half. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofMillis(250), Duration.ofSeconds(30), 0.5);
    }

    /** The ceiling of retry {@code n} (from 0): {@code min(max, initial × 2^n)}. */
    public Duration ceiling(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retry number must be from 0, was " + n);
        }
        long maxMillis = max.toMillis();
        long ceiling = initial.toMillis();
        for (int i = 0; i < n && ceiling < maxMillis; i++) {
            ceiling *= 2; // never overflows: it stops once at or above max
        }
        return Duration.ofMillis(Math.min(ceiling, maxMillis));
    }

    /** The delay before retry {@code n} (from 0), with random jitter. */
    public Duration delay(int n) {
        return delay(n, ThreadLocalRandom.current()::nextDouble);
    }

    /**
     * The delay before retry {@code n} with the random number from {@code random}, a number in
     * {@code [0, 1)}: 0 gives the ceiling, numbers near 1 the lower bound.
     */
    public Duration delay(int n, DoubleSupplier random) {
        double r = random.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            throw new IllegalArgumentException("the random number must be in [0, 1), was " + r);
        }
        long ceiling = ceiling(n).toMillis();
        return Duration.ofMillis(ceiling - (long) Math.floor(ceiling * jitter * r));
    }
}
