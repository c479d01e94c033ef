package com.redcoral.edge.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Terminal} behaves, whatever its transport.
 *
 * @param requestTimeout how long a request (a command, a read, a sync, a heartbeat) waits for its
 *     answer; keep it below the bridge's {@code bridge.reply_timeout_ms} (10 s by default), or the
 *     bridge gives up first
 * @param heartbeatInterval how long an online terminal waits between heartbeats: a
 *     {@code pos.resources.status} request that must be answered within {@code requestTimeout}. It
 *     finds a node that went away without a word (a half-open socket; in the node's JVM, a node that
 *     stopped) and a node that restarted in between (a new epoch)
 * @param backoff how long to wait before each new try after the node was lost or could not be reached
 */
public record TerminalOptions(Duration requestTimeout, Duration heartbeatInterval, Backoff backoff) {

    public TerminalOptions {
        positive(requestTimeout, "requestTimeout");
        positive(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(backoff, "backoff");
    }

    /** Requests wait 5 s, a heartbeat every 5 s, {@link Backoff#defaults()}. */
    public static TerminalOptions defaults() {
        return new TerminalOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Backoff.defaults());
    }

    public TerminalOptions withRequestTimeout(Duration requestTimeout) {
        return new TerminalOptions(requestTimeout, heartbeatInterval, backoff);
    }

    public TerminalOptions withHeartbeatInterval(Duration heartbeatInterval) {
        return new TerminalOptions(requestTimeout, heartbeatInterval, backoff);
    }

    public TerminalOptions withBackoff(Backoff backoff) {
        return new TerminalOptions(requestTimeout, heartbeatInterval, backoff);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
