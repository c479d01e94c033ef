package com.redcoral.edge.cli;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.client.BridgeRefusedException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * An {@code admin} command that speaks to a running node: it connects to the bridge with the shared
 * {@link NodeAddress} options, runs, and closes. Replies are printed for people, or as the node's JSON
 * with {@code --json}. Failures end in the exit codes of {@link AdminCommand}.
 */
abstract class NodeCommand implements Callable<Integer> {

    /** How long an ordinary request may take; a check and a backup wait longer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    NodeAddress node;

    @Option(names = "--json", description = "Print the node's JSON instead of text, for scripts.")
    boolean json;

    PrintWriter out;
    PrintWriter err;

    /** The command's work on an open session; returns the exit code. */
    abstract int run(Session session);

    @Override
    public final Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        Vertx vertx = Vertx.vertx();
        try {
            Session session = new Session(connect(vertx));
            try {
                return run(session);
            } finally {
                session.connection.close().await();
            }
        } catch (Failure failure) {
            if (json && failure.reply != null) {
                out.println(failure.reply.encode());
            }
            String name = spec.qualifiedName(" ");
            err.println(name.substring(name.indexOf(' ') + 1) + ": " + failure.getMessage());
            return failure.exitCode;
        } finally {
            out.flush();
            err.flush();
            vertx.close().await();
        }
    }

    private BridgeConnection connect(Vertx vertx) {
        try {
            return node.connect(vertx, BridgeOptions.defaults()).await();
        } catch (IllegalArgumentException e) {
            throw new Failure(AdminCommand.USAGE, e.getMessage(), null);
        } catch (BridgeRefusedException e) {
            throw new Failure(AdminCommand.REFUSED, "the node at " + node.url + " refused the connection: "
                    + e.reason(), null);
        } catch (Exception e) { // a refused connection is a (checked) ConnectException, rethrown as it is
            throw new Failure(AdminCommand.UNREACHABLE, "cannot reach the node at " + node.url + ": " + e, null);
        }
    }

    /** Prints the node's JSON with {@code --json}, or else runs {@code text}. */
    void print(JsonObject reply, Runnable text) {
        if (json) {
            out.println(reply.encode());
        } else {
            text.run();
        }
    }

    /**
     * Why a command ends early: its exit code, a message for people, and the node's reply when the node
     * refused (printed with {@code --json}).
     */
    static final class Failure extends RuntimeException {
        final int exitCode;
        final transient JsonObject reply;
        /** The node has no handler for the address: it does not know it (a node of an earlier build). */
        final boolean unknownAddress;

        Failure(int exitCode, String message, JsonObject reply) {
            this(exitCode, message, reply, false);
        }

        private Failure(int exitCode, String message, JsonObject reply, boolean unknownAddress) {
            super(message, null, false, false);
            this.exitCode = exitCode;
            this.reply = reply;
            this.unknownAddress = unknownAddress;
        }

        static Failure unknown(String address) {
            return new Failure(AdminCommand.REFUSED, address + " is not known to this node", null, true);
        }
    }

    /** One connection to the node. */
    static final class Session {
        final BridgeConnection connection;

        Session(BridgeConnection connection) {
            this.connection = connection;
        }

        JsonObject request(String address, JsonObject body) {
            return request(address, body, REQUEST_TIMEOUT);
        }

        /**
         * The node's reply to {@code body} on {@code address}, when it succeeded; otherwise a {@link Failure}:
         * {@code REFUSED} for a reply with {@code success: false}, an address the node does not know or the
         * bridge does not let through; {@code UNREACHABLE} for no reply in time or a lost connection.
         */
        JsonObject request(String address, JsonObject body, Duration timeout) {
            JsonObject reply;
            try {
                reply = connection.request(address, body, timeout).await();
            } catch (BridgeRefusedException e) {
                throw new Failure(AdminCommand.REFUSED, "the node refused " + address + ": " + e.reason(), null);
            } catch (ReplyException e) {
                if (e.failureType() == ReplyFailure.NO_HANDLERS) {
                    throw Failure.unknown(address);
                }
                if (e.failureType() == ReplyFailure.TIMEOUT) {
                    throw new Failure(AdminCommand.UNREACHABLE, "no answer from " + address + " in time: "
                            + e.getMessage(), null);
                }
                throw new Failure(AdminCommand.REFUSED, address + " failed: " + e.getMessage(), null);
            } catch (Exception e) {
                throw new Failure(AdminCommand.UNREACHABLE, "the connection to the node was lost: " + e.getMessage(),
                        null);
            }
            if (Boolean.FALSE.equals(reply.getValue("success"))) {
                JsonObject error = reply.getJsonObject("error", new JsonObject());
                throw new Failure(AdminCommand.REFUSED, "the node refused: " + error.getString("code") + ": "
                        + error.getString("message"), reply);
            }
            return reply;
        }
    }
}
