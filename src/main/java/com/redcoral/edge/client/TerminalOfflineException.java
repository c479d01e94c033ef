package com.redcoral.edge.client;

import io.vertx.core.VertxException;
import java.util.Locale;

/**
 * A {@link Terminal} refused a request because it is not {@linkplain Terminal.State#ONLINE online}:
 * nothing was sent, so nothing happened on the node. A till keeps the command and sends it again,
 * with the same {@code command_id}, once the terminal is online (the node answers a repeat with its
 * first answer, so sending twice is safe).
 */
public final class TerminalOfflineException extends VertxException {

    private final Terminal.State state;

    public TerminalOfflineException(Terminal.State state, String address) {
        super("not sent to " + address + ": the terminal is " + state.name().toLowerCase(Locale.ROOT)
                + (state == Terminal.State.CLOSED ? "" : " (it reconnects by itself; send again once it is online)"),
                true);
        this.state = state;
    }

    /** The terminal's state when it refused. */
    public Terminal.State state() {
        return state;
    }
}
