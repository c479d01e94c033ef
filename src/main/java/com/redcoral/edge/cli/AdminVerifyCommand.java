package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code admin verify}: the full check of the live store ({@code pos.admin.verify}), as {@code verify
 * --data-dir} does offline. Exit code 4 when it found problems.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the live store: gap-free sequences, the hash chain, the head, and that replaying every "
                + "event gives exactly the stored snapshots and active orders.",
            "Exit code 0 when clean, 4 when problems were found."})
final class AdminVerifyCommand extends NodeCommand {

    /** The bridge gives up sooner (bridge.reply_timeout_ms); this bounds a node that never answers. */
    private static final Duration CHECK_TIMEOUT = Duration.ofHours(1);

    @Override
    int run(Session session) {
        JsonObject report;
        try {
            report = session.request(Addresses.ADMIN_VERIFY, new JsonObject(), CHECK_TIMEOUT);
        } catch (Failure failure) {
            if (failure.exitCode == AdminCommand.UNREACHABLE) {
                throw new Failure(failure.exitCode, failure.getMessage() + " (a check longer than the bridge's "
                        + "bridge.reply_timeout_ms is cut off; run `verify --data-dir` beside the node instead)", null);
            }
            throw failure;
        }
        print(report, () -> printReport(out, report));
        return report.getBoolean("ok", false) ? AdminCommand.OK : AdminCommand.PROBLEMS;
    }

    /** A check's report (of {@code pos.admin.verify} or a restore) for people. */
    static void printReport(PrintWriter out, JsonObject report) {
        field(out, "sequence", AdminText.count(report.getLong("head_sequence", 0L)));
        field(out, "events", AdminText.count(report.getLong("events_checked", 0L)));
        field(out, "orders", AdminText.count(report.getLong("orders_checked", 0L)));
        field(out, "elapsed", String.format(Locale.ROOT, "%.2f s", report.getLong("elapsed_ms", 0L) / 1000.0));
        List<JsonObject> problems = OrdersCommand.objects(report.getJsonArray("problems"));
        if (problems.isEmpty()) {
            out.println("OK: chain intact, snapshots equal replay");
        } else {
            out.println("FAILED: " + AdminText.plural(problems.size(), "problem"));
            problems.forEach(p -> out.println(p.getString("message")));
        }
    }
}
