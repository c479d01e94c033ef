package com.redcoral.edge.cli;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.client.BridgeRefusedException;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.UpgradeRejectedException;
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
            Session session = new Session(connect(vertx), node.credential != null && node.credential.certificate != null);
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
        } catch (UpgradeRejectedException e) { // the listener answered the WebSocket upgrade with an HTTP error
            throw new Failure(AdminCommand.REFUSED, "the node at " + node.url + " refused the connection: "
                    + rejection(e), null);
        } catch (Exception e) { // a refused connection is a (checked) ConnectException, rethrown as it is
            throw new Failure(AdminCommand.UNREACHABLE, "cannot reach the node at " + node.url + ": " + e, null);
        }
    }

    /**
     * The node's error from a refused upgrade's body ({@code ACCESS_DENIED: the certificate … is revoked}), or
     * else its HTTP status.
     */
    private static String rejection(UpgradeRejectedException e) {
        try {
            JsonObject error = new JsonObject(e.getBody()).getJsonObject("error");
            if (error != null) {
                return error.getString("code") + ": " + error.getString("message");
            }
        } catch (RuntimeException notJson) {
            // no body, or not the node's JSON: the status says enough
        }
        return "HTTP " + e.getStatus();
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

        Failure(int exitCode, String message, JsonObject reply) {
            super(message, null, false, false);
            this.exitCode = exitCode;
            this.reply = reply;
        }
    }

    /** One connection to the node. */
    static final class Session {
        final BridgeConnection connection;
        /** Whether the command was given a client certificate ({@code --cert}). */
        private final boolean certificate;

        Session(BridgeConnection connection, boolean certificate) {
            this.connection = connection;
            this.certificate = certificate;
        }

        JsonObject request(String address, JsonObject body) {
            return request(address, body, REQUEST_TIMEOUT);
        }

        /**
         * The node's reply to {@code body} on {@code address}, when it succeeded; otherwise a {@link Failure}:
         * {@code REFUSED} for a reply with {@code success: false}, an address nothing on the node answers, or
         * one the bridge does not let through (saying why); {@code UNREACHABLE} for no reply in time or a lost
         * connection.
         */
        JsonObject request(String address, JsonObject body, Duration timeout) {
            JsonObject reply;
            try {
                reply = connection.request(address, body, timeout).await();
            } catch (BridgeRefusedException e) {
                throw new Failure(AdminCommand.REFUSED, "the node refused " + address + ": " + e.reason()
                        + explanation(address, e.reason()), null);
            } catch (ReplyException e) {
                if (e.failureType() == ReplyFailure.NO_HANDLERS) {
                    throw new Failure(AdminCommand.REFUSED, "nothing on the node answers " + address, null);
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

        /**
         * What a bridge's refusal means for an admin: {@code rejected}, that this connection's role may not use
         * the address (it is named, as the node knows it); {@code access_denied}, that the node's bridge does
         * not know the address at all; {@code auth_required}, that the network listener wanted a login: no
         * credential was given, or a certificate of another CA, which TLS does not offer.
         */
        private String explanation(String address, String reason) {
            return switch (reason) {
                case "rejected" -> ": " + caller(address) + " may not use it; the admin commands need an admin "
                        + "connection (an admin certificate or token)";
                case "access_denied" -> ": the node's bridge does not know this address (a node older than this "
                        + "command?)";
                // TLS offers a client certificate only when the node's CA signed it.
                case "auth_required" -> certificate
                        ? ": the node did not take --cert, which the store CA did not sign; use a certificate of the "
                                + "store CA or a terminal token (--token)"
                        : ": the network listener takes a client certificate (--cert) or a terminal token (--token)";
                default -> "";
            };
        }

        /** Who the node takes this connection for ({@code till-1 (terminal, certificate)}), or "this connection". */
        private String caller(String refused) {
            if (!refused.equals(Addresses.AUTH_IDENTITY)) {
                try {
                    JsonObject identity = connection.request(Addresses.AUTH_IDENTITY, new JsonObject(),
                            Duration.ofSeconds(5)).await();
                    if (Boolean.TRUE.equals(identity.getValue("success"))) {
                        return StatusCommand.who(identity);
                    }
                } catch (Exception e) {
                    // the refusal is the news; who was refused is a courtesy
                }
            }
            return "this connection";
        }
    }
}
