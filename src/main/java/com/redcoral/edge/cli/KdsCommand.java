package com.redcoral.edge.cli;

import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.client.KitchenDisplay;
import com.redcoral.edge.kitchen.KitchenScreen;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kds}: a headless kitchen display of one print destination, for a screen or a printer on the pass.
 * The connection options are {@link NodeAddress}'s; the work is {@link KitchenDisplay}'s.
 */
@Command(name = "kds", mixinStandardHelpOptions = true,
        description = {
            "A headless kitchen display: prints the tickets of one print destination as they arrive, and what "
                    + "changes on them (cancelled, changed, moved, bumped, recalled).",
            "It reconnects by itself and then prints what it missed. Ctrl-C stops it."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:--once printed the tickets",
            "1:the node refused this display, at the start or while it runs (its certificate or token, also one "
                    + "revoked meanwhile; a credential of another destination or a terminal's; a destination the node "
                    + "does not know), or its certificate is expired",
            "2:wrong options",
            "3:--once could not reach the node",
            "130:stopped with Ctrl-C (the shell's status for it)"
        })
public final class KdsCommand implements Callable<Integer> {

    @Mixin
    NodeAddress node;

    @Option(names = "--destination", required = true, paramLabel = "ID",
            description = "The print destination to show (its id, such as kitchen or bar).")
    String destination;

    @Option(names = "--once", description = "Print the destination's tickets now and exit.")
    boolean once;

    @Spec
    CommandSpec spec;

    /** How the command learns it must stop: a JVM shutdown hook (Ctrl-C, SIGTERM), unless a test says otherwise. */
    Consumer<Runnable> onStop = stop -> Runtime.getRuntime().addShutdownHook(new Thread(stop, "redcoral-kds-stop"));

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            node.options(BridgeOptions.defaults());
        } catch (IllegalArgumentException e) {
            err.println("redcoral-edge kds: " + e.getMessage());
            err.flush();
            return 2;
        }
        String outdated = outdatedCertificate();
        if (outdated != null) {
            err.println("redcoral-edge kds: the node would refuse this display: " + outdated);
            err.flush();
            return 1;
        }
        Vertx vertx = Vertx.vertx();
        try {
            KitchenDisplay display = new KitchenDisplay(vertx, () -> node.connect(vertx, BridgeOptions.defaults()),
                    destination, new KitchenScreen(clock.getZone()), line(out), line(err, "redcoral-edge kds: "),
                    clock, KitchenDisplay.BACKOFF);
            if (once) {
                return display.once().await();
            }
            line(out).accept("Showing the tickets of " + destination + " from " + node.url + " (Ctrl-C to stop)");
            onStop.accept(() -> {
                try {
                    display.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    line(err, "redcoral-edge kds: ").accept("stopping: " + e.getMessage());
                }
            });
            return display.run().await();
        } finally {
            vertx.close().await();
        }
    }

    /**
     * Why {@code --cert} is not valid now, or null. The node ends the TLS handshake of an expired certificate
     * without a word the client can read — as a cut network would — so the display could only try again for ever.
     */
    private String outdatedCertificate() {
        if (node.credential == null || node.credential.certificate == null) {
            return null;
        }
        X509Certificate certificate;
        try {
            certificate = CertificateAuthority.readCertificates(node.credential.certificate).get(0);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return null; // the TLS layer says what is wrong with it
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return "its certificate " + node.credential.certificate + " expired at "
                    + certificate.getNotAfter().toInstant();
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return "its certificate " + node.credential.certificate + " is valid only from "
                    + certificate.getNotBefore().toInstant();
        }
        return null;
    }

    private static Consumer<String> line(PrintWriter writer) {
        return line(writer, "");
    }

    /** Prints a line at once: a display's output is read as it comes. */
    private static Consumer<String> line(PrintWriter writer, String prefix) {
        return text -> {
            synchronized (writer) {
                writer.println(prefix + text);
                writer.flush();
            }
        };
    }
}
