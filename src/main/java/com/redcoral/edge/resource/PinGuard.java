package com.redcoral.edge.resource;

import com.redcoral.edge.order.Actor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks an employee's PIN and throttles guessing. A PIN has only 10⁴ to 10⁸ values, so the slow hash
 * ({@link PinHash}) alone does not stop someone at a till from trying them: after
 * {@link Policy#maxFailures} wrong PINs in a row for one employee, no PIN of theirs is checked for
 * {@link Policy#lockout}, doubling with every further failure up to 32 times that. A right PIN clears
 * the count.
 *
 * <p>A lock is looked at when a check starts, so guesses already being hashed when it falls still count
 * (and extend it): the node runs PIN checks on a pool of a few threads, which bounds how many can slip
 * past the limit to that pool's size. Counts are kept in memory only: a restart clears them, which
 * costs an attacker a restart of the node per round. Unknown, inactive or PIN-less employees are
 * refused at once and not counted, so the counts only ever grow with the staff list. Thread-safe.
 */
public final class PinGuard {

    private static final int MAX_DOUBLINGS = 5;

    /** How many wrong PINs in a row lock an employee's PIN, and for how long at first. */
    public record Policy(int maxFailures, Duration lockout) {
        public Policy {
            if (maxFailures < 1 || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("a PIN policy needs at least 1 failure and a positive lockout");
            }
        }
    }

    /** What a PIN check found. */
    public sealed interface Result {
        /** The PIN is the employee's, who is active. */
        record Verified(Actor actor) implements Result {}

        /** Unknown or inactive employee, no PIN set, or a wrong PIN: not told apart. */
        record Refused() implements Result {}

        /** Too many wrong PINs for this employee: none is checked until {@code retryAfter} has passed. */
        record Throttled(Duration retryAfter) implements Result {
            /** What to tell the person at the till, with the wait in whole seconds rounded up. */
            public String message(String employeeId) {
                return "too many wrong PINs for " + employeeId + "; try again in "
                        + (retryAfter.toMillis() + 999) / 1000 + " s";
            }
        }
    }

    private record Attempts(int failures, long lockedUntil) {}

    private final Policy policy;
    private final LongSupplier clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    /** @param clock the time in milliseconds */
    public PinGuard(Policy policy, LongSupplier clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Checks {@code pin} against {@code pinHash}, the hash of {@code actor}'s PIN. {@code actor} is
     * null when the id names no active employee, {@code pinHash} when they have no PIN.
     */
    public Result check(String employeeId, String pin, Actor actor, String pinHash) {
        if (actor == null || pinHash == null || pin == null) {
            return new Result.Refused();
        }
        long now = clock.getAsLong();
        Attempts before = attempts.get(employeeId);
        if (before != null && now < before.lockedUntil()) {
            return new Result.Throttled(Duration.ofMillis(before.lockedUntil() - now));
        }
        if (!PinHash.matches(pin, pinHash)) {
            attempts.compute(employeeId, (id, old) -> {
                int failures = (old == null ? 0 : old.failures()) + 1;
                int over = failures - policy.maxFailures();
                return new Attempts(failures, over < 0 ? 0
                        : now + (policy.lockout().toMillis() << Math.min(over, MAX_DOUBLINGS)));
            });
            return new Result.Refused();
        }
        attempts.remove(employeeId);
        return new Result.Verified(actor);
    }
}
