package com.redcoral.edge.cli;

import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.LedgerVerifier.Problem;
import com.redcoral.edge.ledger.LedgerVerifier.Report;
import com.redcoral.edge.ledger.RocksLedgerStore;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: replays a ledger folder and reports whether it holds together (see
 * {@link LedgerVerifier}). It opens the folder read-only, so it may run beside a node that holds
 * it; it then checks the ledger as it stood when opened. Exit code 0: clean; 1: problems found;
 * 2: the folder cannot be opened as a ledger.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a ledger: the hash chain, gap-free sequences, the head, and that replaying every "
                + "event gives exactly the stored snapshots and active orders.",
            "Exit code 0 when clean, 1 when problems were found, 2 when the ledger cannot be opened."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The ledger folder (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RocksLedgerStore store;
        try {
            store = RocksLedgerStore.openReadOnly(dataDir);
        } catch (LedgerStoreException e) {
            err.println("verify: " + e.getMessage());
            err.flush();
            return 2;
        }
        Report report;
        try (store) {
            ProgressBar bar = new ProgressBar(err, interactive());
            report = LedgerVerifier.verify(store, bar);
            bar.finish();
        } catch (LedgerStoreException e) {
            err.println();
            err.println("verify: the ledger in " + dataDir + " could not be read to the end: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println("ledger   " + dataDir.toAbsolutePath());
        out.println(String.format(Locale.ROOT, "events   %,d", report.eventsChecked()));
        out.println(String.format(Locale.ROOT, "orders   %,d", report.ordersChecked()));
        out.println(String.format(Locale.ROOT, "elapsed  %.2f s", report.elapsed().toNanos() / 1e9));
        out.println(String.format(Locale.ROOT, "speed    %,.0f events/s", report.eventsPerSecond()));
        if (report.ok()) {
            out.println("OK: chain intact, snapshots equal replay");
        } else {
            out.println(String.format(Locale.ROOT, "FAILED: %,d problem%s", report.problems().size(),
                    report.problems().size() == 1 ? "" : "s"));
            for (Problem problem : report.problems()) {
                out.println(problem.message());
            }
        }
        out.flush();
        return report.ok() ? 0 : 1;
    }

    /** On a terminal, one line redrawn with {@code \r}; otherwise (a log, a pipe) a line every 10 %. */
    static final class ProgressBar implements LedgerVerifier.Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean redraw;
        private int lastTenth;

        ProgressBar(PrintWriter err, boolean redraw) {
            this.err = err;
            this.redraw = redraw;
        }

        @Override
        public void update(long done, long total) {
            int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
            String counts = String.format(Locale.ROOT, "%3d%% %,d/%,d events", percent, done, total);
            if (redraw) {
                int filled = percent * WIDTH / 100;
                err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + counts);
                err.flush();
            } else if (percent / 10 > lastTenth) {
                lastTenth = percent / 10;
                err.println("verify: " + counts.strip());
                err.flush();
            }
        }

        void finish() {
            if (redraw) {
                err.println();
                err.flush();
            }
        }
    }

    /** Whether stderr's user sees a terminal. Java 22+ returns a console even when redirected; ask it then. */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: console() is null unless there is a terminal
        }
    }
}
