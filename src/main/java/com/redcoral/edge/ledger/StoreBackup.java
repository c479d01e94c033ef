package com.redcoral.edge.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * Backups of a store and their restore. A backup is a consistent copy of the whole RocksDB database —
 * the ledger, the resources, the credentials, every column family — as it stood at one moment while
 * the node went on writing: RocksDB's checkpoint pins that moment into a staging folder on the store's
 * own disk (hard links, so it costs no space and little time), and its files are then copied, with
 * progress, into the backup folder and synced. A restore copies a backup into an empty or absent data
 * folder; it is offline: the node must not be running on that folder.
 *
 * <p>A folder receives a backup or a restore only when it is absent or empty, so nothing is ever
 * overwritten. In both, {@code CURRENT} (the file that makes a folder a database) is copied last: a
 * copy cut short is never taken for a store.
 */
public final class StoreBackup {

    /** Where in the data folder a backup's checkpoint is staged; a leftover (a crash) is removed by the next backup. */
    public static final String STAGING_PREFIX = "backup-staging-";
    private static final long CHUNK = 4L << 20;

    private StoreBackup() {}

    /** Told how far a copy has got, after each chunk and each file; called on the copying thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (filesDone, filesTotal, bytesDone, bytesTotal) -> {};

        void copied(int filesDone, int filesTotal, long bytesDone, long bytesTotal);
    }

    /** One file of a copy. */
    public record CopiedFile(String name, long bytes) {}

    /**
     * What a backup or restore copied: the head of the copied ledger, its column families and files.
     */
    public record Copied(Path folder, LedgerStore.Head head, List<String> columnFamilies, List<CopiedFile> files) {
        public Copied {
            columnFamilies = List.copyOf(columnFamilies);
            files = List.copyOf(files);
        }

        public long bytes() {
            return files.stream().mapToLong(CopiedFile::bytes).sum();
        }
    }

    /**
     * Backs up the live {@code store}, whose folder is {@code dataDir}, into {@code target} (absent or
     * empty, outside the data folder). {@code stopped} is asked between chunks: when it turns true the
     * copy ends, is removed, and LedgerStoreException says so.
     *
     * @throws IllegalArgumentException for a target that cannot take a backup, its message starting with
     *     what is wrong with it
     * @throws LedgerStoreException when the checkpoint or the copy fails; nothing is left in the target
     */
    public static Copied backup(RocksLedgerStore store, Path dataDir, Path target, String backupId, Progress progress,
                                BooleanSupplier stopped) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path folder = target.toAbsolutePath().normalize();
        if (folder.startsWith(data)) {
            throw new IllegalArgumentException("is inside the node's data folder " + data);
        }
        requireEmptyOrAbsent(folder);
        boolean existed = Files.exists(folder);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be created: " + e, e);
        }
        removeLeftoverStaging(data);
        Path staging = data.resolve(STAGING_PREFIX + backupId);
        try {
            store.checkpoint(staging);
            Copied staged = describe(staging);
            return copy(staging, folder, staged.head(), staged.columnFamilies(), progress, stopped);
        } catch (RuntimeException e) {
            if (!existed) {
                deleteQuietly(folder);
            }
            throw e;
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Restores the backup in {@code backup} into {@code target} (absent or empty). Refuses a backup folder
     * a running node holds (that is a live store, not a backup) and a target that is not empty, saying
     * when a running node holds it.
     *
     * @throws IllegalArgumentException naming what is wrong with either folder
     * @throws LedgerStoreException when the copy fails; nothing is left in the target
     */
    public static Copied restore(Path backup, Path target, Progress progress) {
        if (inUse(backup)) {
            throw new IllegalArgumentException("--from: " + backup + " is in use by a running node: that is a live "
                    + "store, not a backup (make one with `admin backup`)");
        }
        Copied source;
        try {
            source = describe(backup);
        } catch (LedgerStoreException e) {
            throw new IllegalArgumentException("--from: " + e.getMessage(), e);
        }
        if (inUse(target)) {
            throw new IllegalArgumentException("--data-dir: " + target + " is in use by a running node (RocksDB's "
                    + "lock is held): stop the node, and restore into an empty or absent folder");
        }
        try {
            requireEmptyOrAbsent(target);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--data-dir: " + target + " " + e.getMessage(), e);
        }
        return copy(backup, target, source.head(), source.columnFamilies(), progress, () -> false);
    }

    /**
     * Whether a running node holds the store in {@code dir}: RocksDB's lock tells. A folder without a
     * lock file (no database, or a backup, which never had one) is held by nobody. Probing takes the
     * lock for a moment, which opens the database as a node would.
     */
    public static boolean inUse(Path dir) {
        if (!Files.exists(dir.resolve("CURRENT")) || !Files.exists(dir.resolve("LOCK"))) {
            return false;
        }
        RocksDB.loadLibrary();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (Options listing = new Options(); DBOptions options = new DBOptions()) {
            List<ColumnFamilyDescriptor> families = RocksDB.listColumnFamilies(listing, dir.toString()).stream()
                    .map(ColumnFamilyDescriptor::new).toList();
            try (RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
                handles.forEach(ColumnFamilyHandle::close);
                return false;
            }
        } catch (RocksDBException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return message.contains("lock");
        }
    }

    /**
     * A folder may take a backup or a restore when it is absent or an empty directory; otherwise
     * IllegalArgumentException saying what it is.
     */
    public static void requireEmptyOrAbsent(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("is a file, not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("is not empty: a backup goes only into an empty or absent folder");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot be read: " + e.getMessage(), e);
        }
    }

    /** The head and column families of the store in {@code folder}, read-only. */
    private static Copied describe(Path folder) {
        List<String> families;
        try (Options options = new Options()) {
            RocksDB.loadLibrary();
            families = RocksDB.listColumnFamilies(options, folder.toString()).stream()
                    .map(name -> new String(name, StandardCharsets.UTF_8)).toList();
        } catch (RocksDBException e) {
            throw new LedgerStoreException("no store in " + folder + ": " + e.getMessage(), e);
        }
        try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(folder)) {
            return new Copied(folder, store.head(), families, List.of());
        }
    }

    private static Copied copy(Path from, Path to, LedgerStore.Head head, List<String> families, Progress progress,
                               BooleanSupplier stopped) {
        List<Path> files = files(from);
        long total = 0;
        for (Path file : files) {
            total += size(file);
        }
        boolean created = !Files.exists(to);
        List<CopiedFile> copied = new ArrayList<>();
        try {
            Files.createDirectories(to);
            long done = 0;
            progress.copied(0, files.size(), 0, total);
            for (Path file : files) {
                Path into = to.resolve(file.getFileName().toString());
                long length = 0;
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(into, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    long size = in.size();
                    while (length < size) {
                        if (stopped.getAsBoolean()) {
                            throw new LedgerStoreException("the copy into " + to + " was stopped: the node is "
                                    + "shutting down");
                        }
                        length += in.transferTo(length, Math.min(CHUNK, size - length), out);
                        progress.copied(copied.size(), files.size(), done + length, total);
                    }
                    out.force(true);
                }
                done += length;
                copied.add(new CopiedFile(file.getFileName().toString(), length));
                progress.copied(copied.size(), files.size(), done, total);
            }
            syncFolder(to);
            return new Copied(to, head, families, copied);
        } catch (IOException | RuntimeException e) {
            files.forEach(file -> deleteQuietly(to.resolve(file.getFileName().toString())));
            if (created) {
                deleteQuietly(to);
            }
            if (e instanceof LedgerStoreException stop) {
                throw stop;
            }
            throw new LedgerStoreException("cannot copy " + from + " into " + to + ": " + e, e);
        }
    }

    /**
     * The regular files of a store folder, {@code CURRENT} last; not the lock file, RocksDB's own
     * diagnostic logs ({@code LOG*}) or sub-folders.
     */
    private static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("LOCK") && !p.getFileName().toString().startsWith("LOG"))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().equals("CURRENT"))
                            .thenComparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new LedgerStoreException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new LedgerStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** So that the new names survive a power cut, not only the files' bytes. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a folder; the files themselves are synced.
        }
    }

    private static void removeLeftoverStaging(Path data) {
        try (Stream<Path> entries = Files.list(data)) {
            entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).forEach(StoreBackup::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data folder " + data, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(StoreBackup::deleteQuietly);
        } catch (IOException e) {
            // best effort: a leftover staging folder is removed by the next backup
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (NoSuchFileException | DirectoryNotEmptyException ignored) {
            // already gone, or holds files this copy did not make
        } catch (IOException ignored) {
            // best effort on a path that is being cleaned up after a failure
        }
    }
}
