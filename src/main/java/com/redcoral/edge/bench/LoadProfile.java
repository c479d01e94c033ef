package com.redcoral.edge.bench;

import java.time.Duration;

/**
 * What the order bench does: how many tills, how they pace themselves, for how long, and the
 * catalog entries their orders use.
 *
 * @param terminals tills, each with its own bridge connection
 * @param mode {@link Mode#CLOSED}: a till sends its next command when the last is answered;
 *     {@link Mode#OPEN}: commands arrive at {@code rate} per second in total, answered or not
 * @param rate commands per second over all tills (open mode only)
 * @param warmup time before the measured window, counted in nothing
 * @param duration the measured window
 * @param product the product every order buys (two units of it)
 * @param price that product's catalog price in minor units: the order is paid exactly
 * @param operator the employee id every command carries
 * @param timeout how long a command may wait for its ACK before it counts as failed
 * @param maxInFlight commands one till may have unanswered; keep it below the node's
 *     {@code bridge.max_handlers_per_socket}, which also counts the till's registration
 */
public record LoadProfile(int terminals, Mode mode, double rate, Duration warmup, Duration duration,
                          String product, long price, String operator, Duration timeout, int maxInFlight,
                          int listeners) {

    public enum Mode { CLOSED, OPEN }

    public LoadProfile {
        require(terminals >= 1, "at least one terminal is needed");
        require(mode != Mode.OPEN || rate > 0, "open mode needs a rate above 0 commands/s");
        require(!warmup.isNegative(), "the warm-up cannot be negative");
        require(duration.toMillis() >= 1, "the measured window must last at least 1 ms");
        require(price > 0, "the price must be positive");
        require(timeout.toMillis() >= 1, "the command timeout must be at least 1 ms");
        require(maxInFlight >= 1, "at least one command must be allowed in flight");
        require(listeners >= 0 && listeners <= terminals, "listeners must be from 0 to the number of terminals");
    }

    /** Closed loop over the development catalog: espresso at 250, sold by emp_01. */
    public static LoadProfile closed(int terminals, Duration warmup, Duration duration) {
        return new LoadProfile(terminals, Mode.CLOSED, 0, warmup, duration, "espresso", 250, "emp_01",
                Duration.ofSeconds(10), 64, terminals);
    }

    /** Open loop at {@code rate} commands/s over the development catalog. */
    public static LoadProfile open(int terminals, double rate, Duration warmup, Duration duration) {
        return new LoadProfile(terminals, Mode.OPEN, rate, warmup, duration, "espresso", 250, "emp_01",
                Duration.ofSeconds(10), 64, terminals);
    }

    /** Whether till {@code index} listens to every event, as a real till does. */
    boolean listens(int index) {
        return index < listeners;
    }

    /** Nanoseconds between two commands of one till in open mode. */
    double intervalNanos() {
        return terminals * 1e9 / rate;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
