package com.redcoral.edge.node;

import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.ledger.StoreBackup;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The admin's checks and copies of the live store: {@code pos.admin.verify} runs the full
 * {@link LedgerVerifier#verify} on a {@linkplain RocksLedgerStore#pinned() pinned view} while the node
 * goes on writing; {@code pos.admin.backup {folder}} copies the whole store into a folder on the node's
 * machine ({@link StoreBackup}), publishing progress on {@code pos.admin.backup.progress}.
 *
 * <p>Each runs on a worker thread of its own (one verify and one backup at a time; a second waits for
 * the first), never on the event loop. Stopping the node stops a backup between two chunks and waits for
 * what is running, so the store is never closed under a reader.
 */
final class AdminVerticle extends VerticleBase {

    /** At most this often a running backup publishes its progress (besides each file's end). */
    private static final long PROGRESS_EVERY_MS = 200;
    private static final System.Logger LOG = System.getLogger(AdminVerticle.class.getName());

    private final RocksLedgerStore store;
    private final Path dataDir;
    private final Set<Future<?>> running = new HashSet<>();
    private WorkerExecutor verifier;
    private WorkerExecutor copier;
    private volatile boolean stopping;

    AdminVerticle(RocksLedgerStore store, Path dataDir) {
        this.store = store;
        this.dataDir = dataDir;
    }

    @Override
    public Future<?> start() {
        verifier = vertx.createSharedWorkerExecutor("redcoral-admin-verify", 1, 1, TimeUnit.HOURS);
        copier = vertx.createSharedWorkerExecutor("redcoral-admin-backup", 1, 1, TimeUnit.DAYS);
        var bus = vertx.eventBus();
        return Future.all(List.of(
                bus.<Object>consumer(Addresses.ADMIN_VERIFY, this::verify).completion(),
                bus.<Object>consumer(Addresses.ADMIN_BACKUP, this::backup).completion()));
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return Future.join(List.copyOf(running)).transform(done -> Future.all(verifier.close(), copier.close()));
    }

    /** {@code {}} → the full check's report: {@code {success, ok, head_sequence, events_checked, …, problems}}. */
    private void verify(Message<Object> message) {
        track(verifier.<JsonObject>executeBlocking(() -> {
            try (LedgerStore view = store.pinned()) {
                return AdminJson.verifyReport(view.head().sequence(), LedgerVerifier.verify(view,
                        LedgerVerifier.Progress.NONE));
            }
        }, false)).onComplete(result -> message.reply(result.succeeded() ? result.result()
                : WireJson.error("STORAGE_UNAVAILABLE", "the store could not be checked: "
                        + result.cause().getMessage())));
    }

    /** {@code {folder}} → what was copied, once the copy is complete and synced. */
    private void backup(Message<Object> message) {
        Request request = Request.of(message);
        String folder;
        Path target;
        try {
            folder = request.text("folder");
            target = Path.of(folder);
            if (!target.isAbsolute()) {
                throw new IllegalArgumentException("folder: must be an absolute path on the node's machine, not "
                        + folder);
            }
        } catch (InvalidPathException e) {
            request.invalid(new IllegalArgumentException("folder: not a path: " + e.getMessage()));
            return;
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        String backupId = UUID.randomUUID().toString();
        ProgressPublisher progress = new ProgressPublisher(backupId, folder);
        track(copier.<StoreBackup.Copied>executeBlocking(() -> {
            long started = System.nanoTime();
            StoreBackup.Copied copied = StoreBackup.backup(store, dataDir, target, backupId, progress, () -> stopping);
            LOG.log(System.Logger.Level.INFO, "Backed up the store at sequence " + copied.head().sequence() + " into "
                    + copied.folder() + " (" + copied.files().size() + " files, " + copied.bytes() + " bytes) in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
            return copied;
        }, false)).onComplete(result -> {
            JsonObject reply;
            if (result.succeeded()) {
                reply = AdminJson.backup(backupId, folder, result.result(), progress.elapsedMs());
                progress.finished("done", null);
            } else if (result.cause() instanceof IllegalArgumentException invalid) {
                reply = WireJson.error("INVALID_REQUEST", "folder: " + folder + " " + invalid.getMessage());
                progress.finished("failed", reply.getJsonObject("error"));
            } else {
                LOG.log(System.Logger.Level.ERROR, "A backup into " + folder + " failed", result.cause());
                reply = WireJson.error("STORAGE_UNAVAILABLE", "the backup into " + folder + " failed: "
                        + result.cause().getMessage());
                progress.finished("failed", reply.getJsonObject("error"));
            }
            message.reply(reply);
        });
    }

    private <T> Future<T> track(Future<T> job) {
        running.add(job);
        return job.onComplete(done -> running.remove(job));
    }

    /**
     * Publishes a backup's progress on {@code pos.admin.backup.progress}: {@code {backup_id, folder, state,
     * files_done, files_total, bytes_done, bytes_total}}, {@code state} {@code copying}, then {@code done}
     * or {@code failed} (with {@code error}). Called on the copying thread; the bus is thread-safe.
     */
    private final class ProgressPublisher implements StoreBackup.Progress {
        private final String backupId;
        private final String folder;
        private final long started = System.nanoTime();
        private long lastPublished;
        private int lastFiles = -1;
        private volatile JsonObject last;

        ProgressPublisher(String backupId, String folder) {
            this.backupId = backupId;
            this.folder = folder;
            this.last = message("copying", 0, 0, 0, 0);
        }

        @Override
        public void copied(int filesDone, int filesTotal, long bytesDone, long bytesTotal) {
            last = message("copying", filesDone, filesTotal, bytesDone, bytesTotal);
            long now = System.nanoTime();
            if (filesDone != lastFiles || now - lastPublished >= TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS)) {
                lastFiles = filesDone;
                lastPublished = now;
                vertx.eventBus().publish(Addresses.ADMIN_BACKUP_PROGRESS, last);
            }
        }

        void finished(String state, JsonObject error) {
            JsonObject end = last.copy().put("state", state);
            if (error != null) {
                end.put("error", error);
            }
            vertx.eventBus().publish(Addresses.ADMIN_BACKUP_PROGRESS, end);
        }

        long elapsedMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        }

        private JsonObject message(String state, int filesDone, int filesTotal, long bytesDone, long bytesTotal) {
            return new JsonObject().put("backup_id", backupId).put("folder", folder).put("state", state)
                    .put("files_done", filesDone).put("files_total", filesTotal)
                    .put("bytes_done", bytesDone).put("bytes_total", bytesTotal);
        }
    }
}
