package com.redcoral.edge.client;

import io.vertx.core.VertxException;
import java.util.Locale;

/**
 * A {@link Terminal} refused a request because it is not {@linkplain Terminal.State#ONLINE online}:
 * nothing was sent, so nothing happened on the node. A till keeps the command and sends it again,
 * with the same {@code command_id}, once the terminal is online (the node answers a repeat with its
 * first answer, so sending twice is safe). A {@linkplain Terminal.State#REFUSED refused} terminal never
 * comes online again: its cause is the node's refusal.
 */
public final class TerminalOfflineException extends VertxException {

    private final Terminal.State state;

    public TerminalOfflineException(Terminal.State state, String address) {
        this(state, address, null);
    }

    /** With {@code cause}: why the terminal is in {@code state} (the node's refusal of a refused one). */
    public TerminalOfflineException(Terminal.State state, String address, Throwable cause) {
        super("not sent to " + address + ": the terminal is " + state.name().toLowerCase(Locale.ROOT)
                + switch (state) {
                    case CLOSED -> "";
                    case REFUSED -> " (the node refused its credential" + (cause == null ? "" : ": "
                            + cause.getMessage()) + "; a terminal with a new one is needed)";
                    default -> " (it reconnects by itself; send again once it is online)";
                }, cause, true);
        this.state = state;
    }

    /** The terminal's state when it refused. */
    public Terminal.State state() {
        return state;
    }
}
