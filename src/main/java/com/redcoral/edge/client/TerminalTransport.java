package com.redcoral.edge.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link Terminal} reaches the node: the only part that differs between a terminal in the
 * node's JVM and one across the network. Everything else — the mirrors, sync, reconnection, the
 * refusals — is one implementation over this, so both transports behave alike by construction.
 *
 * <p>Called on the terminal's context only; futures and handlers complete there.
 */
interface TerminalTransport {

    /**
     * Reaches the node and opens a link to it, or fails. {@code lost} is told (on the terminal's
     * context) when the link breaks by itself afterwards — not when the terminal closes it.
     */
    Future<Link> open(Lost lost);

    /** Told that a link broke, and why. */
    @FunctionalInterface
    interface Lost {
        void lost(Link link, Throwable cause);
    }

    /** Where the node is, for messages: {@code the node in this JVM}, or the bridge's URI. */
    String describe();

    /** One live connection to the node: the same addresses and JSON bodies on every transport. */
    interface Link {

        /** Sends {@code body} to {@code address}; completes with the reply's body. */
        Future<JsonObject> request(String address, JsonObject body, Duration timeout);

        /** Delivers the body of every message published on {@code address} from now on. */
        Future<Void> register(String address, Handler<JsonObject> handler);

        /** Ends the link: registrations go away; {@code lost} is not called. */
        Future<Void> close();

        /**
         * Why the node ended this link, when it said (a {@link BridgeRefusedException}: its credential was
         * revoked, for instance). A lost link is judged by this rather than by whatever revealed the loss —
         * a request that failed as the link closed.
         */
        default Optional<Throwable> endedBy() {
            return Optional.empty();
        }
    }
}
