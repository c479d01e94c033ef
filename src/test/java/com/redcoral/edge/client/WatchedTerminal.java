package com.redcoral.edge.client;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A terminal as a test sees it: its changes and states queued as its listeners report them, so a test
 * waits for what it expects (with a deadline) and never sleeps. Every change and state change wakes a
 * waiting test up, which then checks its condition again.
 */
final class WatchedTerminal {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    final Terminal terminal;
    final BlockingQueue<Terminal.Change> changes = new LinkedBlockingQueue<>();
    final BlockingQueue<Terminal.State> states = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> wakeups = new LinkedBlockingQueue<>();

    /** Creates the terminal on {@code context} with listeners from the start. */
    WatchedTerminal(io.vertx.core.Context context, Supplier<Terminal> create) {
        this.terminal = OnContext.get(context, () -> create.get()
                .onChange(change -> {
                    changes.add(change);
                    wakeups.add(change);
                })
                .onStateChange(state -> {
                    states.add(state);
                    wakeups.add(state);
                }));
    }

    /** Waits until the terminal is in {@code state}, by its state changes. */
    WatchedTerminal awaitState(Terminal.State state) throws InterruptedException {
        until(() -> terminal.state() == state, "state " + state);
        return this;
    }

    /** Waits until the terminal is anything but {@code state}. */
    WatchedTerminal awaitNot(Terminal.State state) throws InterruptedException {
        until(() -> terminal.state() != state, "a state other than " + state);
        return this;
    }

    /** Waits until the order mirror has reached {@code sequence}, by the terminal's changes. */
    WatchedTerminal awaitSequence(long sequence) throws InterruptedException {
        until(() -> terminal.orders().sequence() >= sequence, "sequence " + sequence);
        return this;
    }

    /** Waits until {@code condition} holds on the terminal's context, checking it after each change of any kind. */
    WatchedTerminal await(Supplier<Boolean> condition, String what) throws InterruptedException {
        until(() -> on(condition), what);
        return this;
    }

    /** Runs {@code read} on the terminal's context (its stats and resources live there). */
    <T> T on(Supplier<T> read) {
        return OnContext.get(terminal.context(), read);
    }

    Terminal.Stats stats() {
        return on(terminal::stats);
    }

    /** The failure of {@code future}, waited for. */
    static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("no answer within " + PATIENCE, e);
        }
        throw new AssertionError("expected a failure, got " + future.result());
    }

    private void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || wakeups.poll(left, TimeUnit.NANOSECONDS) == null && !condition.getAsBoolean()) {
                throw new AssertionError(terminal + " did not reach " + what + " within " + PATIENCE
                        + (terminal.lastFailure().map(e -> "; last failure: " + e).orElse("")));
            }
        }
    }
}
