package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminText.field;

import com.redcoral.edge.node.Addresses;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code admin backup FOLDER}: a consistent copy of the whole store into a folder on the node's machine
 * ({@code pos.admin.backup}), its progress ({@code pos.admin.backup.progress}) on stderr.
 *
 * <p>The copy ends either with the reply or with the last progress message ({@code done} or
 * {@code failed}) for this folder, whichever comes first: a backup longer than the bridge's reply
 * timeout still finishes on the node, and the progress says when.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy the whole store, consistent at one moment, into FOLDER on the node's machine while the "
                + "node goes on working; FOLDER must be absolute and absent or empty.")
final class BackupCommand extends NodeCommand {

    private static final Duration BACKUP_TIMEOUT = Duration.ofDays(1);

    @Parameters(paramLabel = "FOLDER", description = "An absolute path on the node's machine; absent or empty.")
    String folder;

    @Override
    int run(Session session) {
        Promise<JsonObject> ended = Promise.promise();
        Progress progress = new Progress(err, json);
        session.connection.closeHandler(v -> ended.tryFail(new VertxException("the connection closed", true)));
        session.connection.register(Addresses.ADMIN_BACKUP_PROGRESS, message -> {
            if (!folder.equals(message.getString("folder"))) {
                return;
            }
            progress.show(message);
            String state = message.getString("state");
            if ("done".equals(state) || "failed".equals(state)) {
                ended.tryComplete(message);
            }
        }).await();
        JsonObject copied = null;
        try {
            copied = session.request(Addresses.ADMIN_BACKUP, new JsonObject().put("folder", folder), BACKUP_TIMEOUT);
        } catch (Failure failure) {
            if (failure.exitCode != AdminCommand.UNREACHABLE) {
                throw failure;
            }
            // The bridge stopped waiting for the reply; the backup goes on: its last progress message says how it ended.
            err.println("admin backup: " + failure.getMessage() + "; waiting for the backup to end");
            err.flush();
        }
        if (copied == null) {
            JsonObject last;
            try {
                last = ended.future().await();
            } catch (RuntimeException e) {
                throw new Failure(AdminCommand.UNREACHABLE, "the connection to the node was lost during the backup",
                        null);
            }
            if (!"done".equals(last.getString("state"))) {
                JsonObject error = last.getJsonObject("error", new JsonObject());
                throw new Failure(AdminCommand.REFUSED, "the node refused: " + error.getString("code") + ": "
                        + error.getString("message"), new JsonObject().put("success", false).put("error", error));
            }
            copied = last.copy().put("success", true);
        }
        JsonObject reply = copied;
        print(reply, () -> {
            field(out, "backup", reply.getString("folder"));
            if (reply.getValue("head_sequence") != null) {
                field(out, "sequence", AdminText.count(reply.getLong("head_sequence")));
            }
            long files = reply.getLong("files_total", 0L);
            field(out, "files", AdminText.count(files) + " (" + AdminText.bytes(reply.getLong("bytes_total", 0L)) + ")");
            if (reply.getValue("elapsed_ms") != null) {
                field(out, "elapsed", String.format(Locale.ROOT, "%.2f s", reply.getLong("elapsed_ms") / 1000.0));
            }
        });
        return AdminCommand.OK;
    }

    /**
     * Shows a copy's progress on stderr: a line at each tenth of the bytes and when the last file is in; with
     * {@code --json} each message as the node sent it.
     */
    static final class Progress {
        private final PrintWriter err;
        private final boolean json;
        private int lastTenth = -1;
        private boolean ended;

        Progress(PrintWriter err, boolean json) {
            this.err = err;
            this.json = json;
        }

        void show(JsonObject message) {
            if (json) {
                err.println(message.encode());
            } else if (!"failed".equals(message.getString("state"))) {
                show(message.getInteger("files_done", 0), message.getInteger("files_total", 0),
                        message.getLong("bytes_done", 0L), message.getLong("bytes_total", 0L));
            }
            err.flush();
        }

        void show(int filesDone, int filesTotal, long bytesDone, long bytesTotal) {
            int percent = bytesTotal <= 0 ? 100 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
            boolean end = filesDone == filesTotal;
            if (percent / 10 == lastTenth && !(end && !ended)) {
                return;
            }
            lastTenth = percent / 10;
            ended = end;
            err.println(String.format(Locale.ROOT, "copy: %3d%% %d/%d files, %s of %s", percent, filesDone, filesTotal,
                    AdminText.bytes(bytesDone), AdminText.bytes(bytesTotal)));
            err.flush();
        }
    }
}
