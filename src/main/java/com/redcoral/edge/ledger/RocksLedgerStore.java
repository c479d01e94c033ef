package com.redcoral.edge.ledger;

import static com.redcoral.edge.ledger.Keys.ascii;
import static com.redcoral.edge.ledger.Keys.utf8;

import com.redcoral.edge.access.CredentialStore;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.resource.ResourceChange;
import com.redcoral.edge.resource.ResourceItem;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.wire.CommandResponse;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The ledger in RocksDB, one column family per kind of record, and in the same database the node's
 * resources ({@link #resources()}). Keys that are scanned are big-endian, so RocksDB's byte order is
 * numeric order and a scan is a seek plus an iteration.
 * <pre>
 *   events         8-byte BE sequence                  → 64 ASCII hash chars ‖ canonical bytes ({@link EventChain})
 *   order_events   UTF-8 order id ‖ 0x00 ‖ 8-byte BE seq → empty (order ids never contain NUL, so one
 *                                                        order's keys are contiguous and ascending)
 *   snapshots      UTF-8 order id                      → Order JSON (bloom filter)
 *   active_orders  UTF-8 order id                      → empty; present exactly when the snapshot is ACTIVE
 *   commands       UTF-8 command id                    → first CommandResponse JSON (bloom filter)
 *   resources      UTF-8 type wire name ‖ 0x00 ‖ UTF-8 id → {@link ResourceItem#toStoredJson()} (with pin_hash)
 *   resource_changes  UTF-8 type wire name ‖ 0x00 ‖ 8-byte BE version
 *                                                      → {@link ResourceChange#logJson()} (no secrets)
 *   meta           "format"                            → ASCII "1", written when the store is created
 *                  "head_sequence"                     → 8-byte BE, absent while the log is empty
 *                  "head_hash"                         → 64 ASCII hash chars
 *                  "resource_version/" ‖ type wire name → 8-byte BE, absent while the type has no change
 * </pre>
 * Invariants, kept because every {@link #append} is one synced {@link WriteBatch}: the event keys
 * are 1..head without gaps, each value holds exactly the bytes its hash was computed over (never
 * re-serialised), and the head, the index, the snapshots and the responses always describe the same
 * log. A store of another format is refused rather than guessed at.
 *
 * <p>The two resource families came after format 1 without changing it: a write open adds them to a
 * store that lacks them; a read-only open of such a store, which cannot add them, sees no resources.
 *
 * <p>Reads may come from any thread while the single writer appends; {@link #close} only when no
 * call is in flight (RocksDB's native handles do not survive being closed under a reader).
 */
public final class RocksLedgerStore implements LedgerStore {

    static final String FORMAT = "1";
    static final List<String> FAMILIES = List.of("events", "order_events", "snapshots", "active_orders",
            "commands", "meta");
    static final List<String> RESOURCE_FAMILIES = List.of("resources", "resource_changes");
    /**
     * Families added after the resources, each owned by one store beside the ledger: terminal tokens and
     * revoked certificates ({@code credentials}), the kitchen tickets projection ({@code kitchen}).
     */
    static final List<String> LATER_FAMILIES = List.of("credentials", "kitchen");
    static final byte[] FORMAT_KEY = ascii("format");
    static final byte[] HEAD_SEQUENCE_KEY = ascii("head_sequence");
    static final byte[] HEAD_HASH_KEY = ascii("head_hash");
    private static final byte[] EMPTY = new byte[0];
    private static final int HASH_LENGTH = 64;

    private final Path dir;
    private final boolean readOnly;
    private final List<AutoCloseable> resources;
    private final RocksDB db;
    private final ColumnFamilyHandle events, orderEvents, snapshots, activeOrders, commands, meta;
    private final Map<String, ColumnFamilyHandle> later;
    private final WriteOptions syncWrite;
    private final ReadOptions latest;
    private final RocksResourceStore resourceStore;
    private final RocksCredentialStore credentialStore;
    private volatile Head head;

    private RocksLedgerStore(Path dir, boolean readOnly, RocksDB db, List<String> families,
                             List<ColumnFamilyHandle> handles, List<AutoCloseable> resources) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.db = db;
        this.resources = resources;
        // handles.get(0) is RocksDB's default family, unused; the rest follow `families`.
        Map<String, ColumnFamilyHandle> byName = new HashMap<>();
        for (int i = 0; i < families.size(); i++) {
            byName.put(families.get(i), handles.get(i + 1));
        }
        events = byName.get("events");
        orderEvents = byName.get("order_events");
        snapshots = byName.get("snapshots");
        activeOrders = byName.get("active_orders");
        commands = byName.get("commands");
        meta = byName.get("meta");
        later = LATER_FAMILIES.stream().filter(byName::containsKey)
                .collect(Collectors.toUnmodifiableMap(name -> name, byName::get));
        syncWrite = add(resources, new WriteOptions().setSync(true));
        latest = add(resources, new ReadOptions());
        resourceStore = new RocksResourceStore(dir, readOnly, db, meta, byName.get("resources"),
                byName.get("resource_changes"), syncWrite);
        credentialStore = new RocksCredentialStore(dir, readOnly, db, later.get("credentials"), syncWrite);
    }

    /** Opens the ledger in {@code dataDir} for writing, creating the folder and an empty ledger when new. */
    public static RocksLedgerStore open(Path dataDir) {
        boolean existing = Files.exists(dataDir.resolve("CURRENT"));
        try {
            if (!existing && Files.isDirectory(dataDir)) {
                try (Stream<Path> entries = Files.list(dataDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new LedgerStoreException("the folder " + dataDir + " is not empty and holds no ledger");
                    }
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LedgerStoreException("cannot create the ledger folder " + dataDir + ": " + e, e);
        }
        return openIn(dataDir, false, existing);
    }

    /** Opens an existing ledger for reading only (safe beside a running node); {@link #append} throws. */
    public static RocksLedgerStore openReadOnly(Path dataDir) {
        if (!Files.exists(dataDir.resolve("CURRENT"))) {
            throw new LedgerStoreException("no ledger in " + dataDir + (Files.isDirectory(dataDir)
                    ? ": the folder holds no RocksDB files" : ": the folder does not exist"));
        }
        return openIn(dataDir, true, true);
    }

    private static RocksLedgerStore openIn(Path dir, boolean readOnly, boolean existing) {
        RocksDB.loadLibrary();
        List<AutoCloseable> resources = new ArrayList<>();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            List<String> present = existing ? requireFamilies(dir) : List.of();
            // A write open adds the families a store from an earlier build lacks; a read-only open cannot,
            // so it opens the ones present (the resources only as a pair).
            List<String> families = new ArrayList<>(FAMILIES);
            if (!readOnly || present.containsAll(RESOURCE_FAMILIES)) {
                families.addAll(RESOURCE_FAMILIES);
            }
            LATER_FAMILIES.stream().filter(name -> !readOnly || present.contains(name)).forEach(families::add);
            // Several families share one WAL; the cap makes RocksDB flush the quiet ones (meta,
            // active_orders) so old WAL files can go.
            DBOptions options = add(resources, new DBOptions().setCreateIfMissing(!readOnly)
                    .setCreateMissingColumnFamilies(!readOnly).setMaxTotalWalSize(64 << 20));
            ColumnFamilyOptions plain = add(resources, new ColumnFamilyOptions()
                    .setCompressionType(CompressionType.LZ4_COMPRESSION));
            // The log is read in long runs (verify, sync): bigger blocks and LZ4 make scans ~3x faster than
            // RocksDB's default 4 KB Snappy blocks.
            ColumnFamilyOptions log = add(resources, new ColumnFamilyOptions()
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(16 << 10)));
            BloomFilter bloom = add(resources, new BloomFilter(10, false));
            ColumnFamilyOptions pointLookups = add(resources, new ColumnFamilyOptions()
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(bloom)));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plain));
            for (String family : families) {
                ColumnFamilyOptions chosen = switch (family) {
                    case "events" -> log;
                    case "snapshots", "commands" -> pointLookups;
                    default -> plain;
                };
                descriptors.add(new ColumnFamilyDescriptor(ascii(family), chosen));
            }
            String path = dir.toString();
            RocksDB db = readOnly ? RocksDB.openReadOnly(options, path, descriptors, handles)
                    : RocksDB.open(options, path, descriptors, handles);
            resources.add(db);
            resources.addAll(handles); // closed in reverse: handles, then the database, then the options
            RocksLedgerStore store = new RocksLedgerStore(dir, readOnly, db, families, handles, resources);
            store.head = store.readMeta(existing);
            return store;
        } catch (RocksDBException e) {
            closeAll(resources);
            String hint = String.valueOf(e.getMessage()).contains("LOCK")
                    ? " (it is locked by another process: is a node running on it?)" : "";
            throw new LedgerStoreException("cannot open the ledger in " + dir + hint + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The column families in {@code dir}, which must include the ledger's. */
    private static List<String> requireFamilies(Path dir) throws RocksDBException {
        try (Options options = new Options()) {
            List<String> present = RocksDB.listColumnFamilies(options, dir.toString()).stream()
                    .map(name -> new String(name, StandardCharsets.UTF_8)).toList();
            if (!present.containsAll(FAMILIES)) {
                throw new LedgerStoreException("the folder " + dir + " holds a RocksDB database that is not a "
                        + "ledger (column families " + present + ")");
            }
            return present;
        }
    }

    private Head readMeta(boolean existing) throws RocksDBException {
        byte[] format = db.get(meta, FORMAT_KEY);
        if (format == null && !existing) {
            db.put(meta, syncWrite, FORMAT_KEY, ascii(FORMAT));
        } else if (format == null || !FORMAT.equals(new String(format, StandardCharsets.US_ASCII))) {
            throw new LedgerStoreException("the ledger in " + dir + " has format "
                    + (format == null ? "(none)" : new String(format, StandardCharsets.US_ASCII))
                    + "; this build reads format " + FORMAT);
        }
        byte[] sequence = db.get(meta, HEAD_SEQUENCE_KEY);
        byte[] hash = db.get(meta, HEAD_HASH_KEY);
        return sequence == null ? Head.EMPTY
                : new Head(ByteBuffer.wrap(sequence).getLong(), new String(hash, StandardCharsets.US_ASCII));
    }

    @Override
    public void append(Commit commit) {
        if (readOnly) {
            throw new LedgerStoreException("the ledger in " + dir + " is open read-only");
        }
        Head after = checkFollows(head, commit);
        try (WriteBatch batch = new WriteBatch()) {
            for (Commit.Entry entry : commit.events()) {
                RecordedEvent event = entry.event();
                byte[] value = Arrays.copyOf(ascii(event.hash()), HASH_LENGTH + entry.canonical().length);
                System.arraycopy(entry.canonical(), 0, value, HASH_LENGTH, entry.canonical().length);
                batch.put(events, sequenceKey(event.sequence()), value);
                batch.put(orderEvents, orderEventKey(event.orderId(), event.sequence()), EMPTY);
            }
            for (Order order : commit.snapshots()) {
                byte[] id = utf8(order.orderId());
                batch.put(snapshots, id, Json.bytes(order));
                if (order.isActive()) {
                    batch.put(activeOrders, id, EMPTY);
                } else {
                    batch.delete(activeOrders, id);
                }
            }
            for (CommandResponse response : commit.responses()) {
                batch.put(commands, utf8(response.commandId()), Json.bytes(response));
            }
            if (!commit.events().isEmpty()) {
                batch.put(meta, HEAD_SEQUENCE_KEY, sequenceKey(after.sequence()));
                batch.put(meta, HEAD_HASH_KEY, ascii(after.hash()));
            }
            db.write(syncWrite, batch);
        } catch (RocksDBException e) {
            throw failure("write to", dir, e);
        }
        head = after;
    }

    /** The head after {@code commit}, or IllegalArgumentException when it does not continue {@code head}. */
    private static Head checkFollows(Head head, Commit commit) {
        long expected = head.sequence() + 1;
        String previousHash = head.hash();
        for (Commit.Entry entry : commit.events()) {
            RecordedEvent event = entry.event();
            if (event.sequence() != expected) {
                throw new IllegalArgumentException("event " + event.eventId() + " has sequence " + event.sequence()
                        + " where " + expected + " must follow the head " + head.sequence());
            }
            if (event.orderId().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("order id of event " + expected + " contains NUL");
            }
            if (event.hash() == null || !event.hash().equals(EventChain.hash(previousHash, entry.canonical()))) {
                throw new IllegalArgumentException("event " + expected + " is not chained to the one before it");
            }
            previousHash = event.hash();
            expected++;
        }
        Head after = new Head(expected - 1, previousHash);
        if (!after.equals(commit.head())) {
            throw new IllegalArgumentException("the commit names head " + commit.head() + " but its events end at "
                    + after);
        }
        return after;
    }

    @Override
    public Head head() {
        return head;
    }

    @Override
    public Optional<CommandResponse> response(String commandId) {
        return response(latest, commandId);
    }

    @Override
    public Optional<Order> snapshot(String orderId) {
        return snapshot(latest, orderId);
    }

    @Override
    public List<Order> activeOrders() {
        return activeOrders(latest);
    }

    @Override
    public List<RecordedEvent> orderEvents(String orderId) {
        return orderEvents(latest, orderId);
    }

    @Override
    public void scan(long after, RawEventVisitor visitor) {
        try (ReadOptions options = new ReadOptions().setFillCache(false)) {
            scan(options, after, visitor);
        }
    }

    @Override
    public void scanSnapshots(Consumer<Order> visitor) {
        scanSnapshots(latest, visitor);
    }

    private Optional<CommandResponse> response(ReadOptions read, String commandId) {
        return Optional.ofNullable(get(read, commands, utf8(commandId))).map(v -> parse(v, CommandResponse.class));
    }

    private Optional<Order> snapshot(ReadOptions read, String orderId) {
        return Optional.ofNullable(get(read, snapshots, utf8(orderId))).map(v -> parse(v, Order.class));
    }

    private List<Order> activeOrders(ReadOptions read) {
        List<byte[]> ids = new ArrayList<>();
        try (RocksIterator it = db.newIterator(activeOrders, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                ids.add(it.key());
            }
            checkEnd(it, dir);
        }
        return multiGet(read, snapshots, ids).stream().filter(Objects::nonNull).map(v -> parse(v, Order.class))
                .toList();
    }

    private List<RecordedEvent> orderEvents(ReadOptions read, String orderId) {
        byte[] id = utf8(orderId);
        byte[] prefix = Arrays.copyOf(id, id.length + 1);
        List<byte[]> keys = new ArrayList<>();
        try (RocksIterator it = db.newIterator(orderEvents, read)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length != prefix.length + 8
                        || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                    break;
                }
                keys.add(Arrays.copyOfRange(key, prefix.length, key.length));
            }
            checkEnd(it, dir);
        }
        return multiGet(read, events, keys).stream().filter(Objects::nonNull)
                .map(v -> EventChain.read(hashOf(v), canonicalOf(v))).toList();
    }

    private void scan(ReadOptions read, long after, RawEventVisitor visitor) {
        try (RocksIterator it = db.newIterator(events, read)) {
            for (it.seek(sequenceKey(Math.max(after, 0) + 1)); it.isValid(); it.next()) {
                byte[] value = it.value();
                if (!visitor.visit(ByteBuffer.wrap(it.key()).getLong(), hashOf(value), canonicalOf(value))) {
                    return;
                }
            }
            checkEnd(it, dir);
        }
    }

    private void scanSnapshots(ReadOptions read, Consumer<Order> visitor) {
        try (RocksIterator it = db.newIterator(snapshots, read)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(parse(it.value(), Order.class));
            }
            checkEnd(it, dir);
        }
    }

    private Head head(ReadOptions read) {
        byte[] sequence = get(read, meta, HEAD_SEQUENCE_KEY);
        byte[] hash = get(read, meta, HEAD_HASH_KEY);
        return sequence == null ? Head.EMPTY
                : new Head(ByteBuffer.wrap(sequence).getLong(), new String(hash, StandardCharsets.US_ASCII));
    }

    /**
     * The ledger as it stands at this moment, fixed while the writer goes on appending: a read-only
     * {@link LedgerStore} over a RocksDB snapshot, so every read sees the same commits — the head, the
     * log, the snapshots and the active set agree, as {@link LedgerVerifier#verify} needs on a live
     * store. Close it (it holds the snapshot, which keeps old data from being compacted away) before
     * this store.
     */
    public LedgerStore pinned() {
        return new Pinned();
    }

    /**
     * Writes a consistent copy of the whole database — every column family, the resources and
     * credentials included — into {@code target}, which must not exist (RocksDB's checkpoint: hard links
     * to the immutable table files where the file system allows, copies otherwise, after a flush).
     */
    public void checkpoint(Path target) {
        try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new LedgerStoreException("cannot take a checkpoint of the ledger in " + dir + " into " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** A read-only view at one RocksDB snapshot; see {@link #pinned()}. */
    private final class Pinned implements LedgerStore {
        private final Snapshot snapshot = db.getSnapshot();
        private final ReadOptions read = new ReadOptions().setSnapshot(snapshot);
        private final ReadOptions scan = new ReadOptions().setSnapshot(snapshot).setFillCache(false);
        private final Head head = RocksLedgerStore.this.head(read);

        @Override
        public void append(Commit commit) {
            throw new LedgerStoreException("a pinned view of the ledger in " + dir + " is read-only");
        }

        @Override
        public Head head() {
            return head;
        }

        @Override
        public Optional<CommandResponse> response(String commandId) {
            return RocksLedgerStore.this.response(read, commandId);
        }

        @Override
        public Optional<Order> snapshot(String orderId) {
            return RocksLedgerStore.this.snapshot(read, orderId);
        }

        @Override
        public List<Order> activeOrders() {
            return RocksLedgerStore.this.activeOrders(read);
        }

        @Override
        public List<RecordedEvent> orderEvents(String orderId) {
            return RocksLedgerStore.this.orderEvents(read, orderId);
        }

        @Override
        public void scan(long after, RawEventVisitor visitor) {
            RocksLedgerStore.this.scan(scan, after, visitor);
        }

        @Override
        public void scanSnapshots(Consumer<Order> visitor) {
            RocksLedgerStore.this.scanSnapshots(read, visitor);
        }

        @Override
        public void close() {
            scan.close();
            read.close();
            db.releaseSnapshot(snapshot);
        }
    }

    /** The resources kept in this store's database; valid until this store is closed. */
    public ResourceStore resources() {
        return resourceStore;
    }

    /** The terminal tokens and revoked certificates kept in this store's database; valid until it is closed. */
    public CredentialStore credentials() {
        return credentialStore;
    }

    /**
     * The database and one of {@link #LATER_FAMILIES}, for the store that owns that family; empty when a
     * read-only open found a store made before it existed.
     */
    Optional<ColumnFamilyHandle> laterFamily(String name) {
        if (!LATER_FAMILIES.contains(name)) {
            throw new IllegalArgumentException("not a later family: " + name);
        }
        return Optional.ofNullable(later.get(name));
    }

    RocksDB db() {
        return db;
    }

    WriteOptions syncWrite() {
        return syncWrite;
    }

    Path dir() {
        return dir;
    }

    boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    // ------------------------------------------------------------------------------ encoding

    static byte[] sequenceKey(long sequence) {
        return ByteBuffer.allocate(8).putLong(sequence).array();
    }

    static byte[] orderEventKey(String orderId, long sequence) {
        byte[] id = utf8(orderId);
        return ByteBuffer.allocate(id.length + 9).put(id).put((byte) 0).putLong(sequence).array();
    }

    /** A stored event value is cut, never rejected: a damaged one must reach {@code verify} to be reported. */
    private static String hashOf(byte[] value) {
        return new String(value, 0, Math.min(HASH_LENGTH, value.length), StandardCharsets.US_ASCII);
    }

    private static byte[] canonicalOf(byte[] value) {
        return Arrays.copyOfRange(value, Math.min(HASH_LENGTH, value.length), value.length);
    }

    private <T> T parse(byte[] json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new LedgerStoreException("unreadable " + type.getSimpleName() + " in the ledger in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    private byte[] get(ReadOptions read, ColumnFamilyHandle family, byte[] key) {
        try {
            return db.get(family, read, key);
        } catch (RocksDBException e) {
            throw failure("read", dir, e);
        }
    }

    private List<byte[]> multiGet(ReadOptions read, ColumnFamilyHandle family, List<byte[]> keys) {
        try {
            return keys.isEmpty() ? List.of()
                    : db.multiGetAsList(read, Collections.nCopies(keys.size(), family), keys);
        } catch (RocksDBException e) {
            throw failure("read", dir, e);
        }
    }

    /** An iterator also stops at a read error (a damaged file): that must not pass for the end of the data. */
    static void checkEnd(RocksIterator it, Path dir) {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw failure("read", dir, e);
        }
    }

    static LedgerStoreException failure(String action, Path dir, RocksDBException e) {
        return new LedgerStoreException("cannot " + action + " the ledger in " + dir + ": " + e.getMessage(), e);
    }

    private static <T extends AutoCloseable> T add(List<AutoCloseable> resources, T resource) {
        resources.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception ignored) {
                // closing native handles: nothing left to do about a failure
            }
        }
        resources.clear();
    }
}
