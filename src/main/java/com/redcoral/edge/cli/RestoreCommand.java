package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.ledger.LedgerStoreException;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.ledger.StoreBackup;
import com.redcoral.edge.node.AdminJson;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code admin restore --from FOLDER --data-dir DIR}: offline, with the node stopped. Copies a backup into a
 * data folder that is empty or absent (refusing one a running node holds: RocksDB's lock tells), then runs
 * the full check on the copy and reports. Exit code 0 when the restored store checks out, 4 when the check
 * found problems, 1 when a folder was refused or the copy failed.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Copy a backup into an empty or absent data folder (the node stopped), then check the copy.",
            "Exit code 0 when the restored store checks out, 1 when a folder is refused or the copy fails, 4 when "
                    + "the check finds problems."})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FOLDER", description = "The backup (made by admin backup).")
    Path from;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "The data folder to restore into: empty or absent, no node running on it.")
    Path dataDir;

    @Option(names = "--json", description = "Print the report as JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            long started = System.nanoTime();
            BackupCommand.Progress progress = new BackupCommand.Progress(err, false);
            StoreBackup.Copied copied = StoreBackup.restore(from, dataDir, progress::show);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            JsonObject check;
            try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(dataDir)) {
                VerifyCommand.ProgressBar bar = new VerifyCommand.ProgressBar(err, false);
                check = AdminJson.verifyReport(store.head().sequence(), LedgerVerifier.verify(store, bar));
                bar.finish();
            }
            JsonObject report = AdminJson.backup(null, dataDir.toString(), copied, elapsedMs);
            report.remove("backup_id");
            report.remove("folder");
            report.put("from", from.toString()).put("data_dir", dataDir.toString()).put("verify", check);
            if (json) {
                out.println(report.encode());
            } else {
                field(out, "restored", from + " into " + dataDir);
                field(out, "files", AdminText.count(copied.files().size()) + " (" + AdminText.bytes(copied.bytes()) + ")");
                AdminVerifyCommand.printReport(out, check);
            }
            return check.getBoolean("ok") ? AdminCommand.OK : AdminCommand.PROBLEMS;
        } catch (IllegalArgumentException | LedgerStoreException e) {
            err.println("admin restore: " + e.getMessage());
            return AdminCommand.REFUSED;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
