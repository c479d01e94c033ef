package com.redcoral.edge.ledger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.resource.ResourceChange;
import com.redcoral.edge.resource.ResourceItem;
import com.redcoral.edge.resource.ResourceState;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The resources in the node's one RocksDB, beside the ledger; made and closed by {@link RocksLedgerStore}
 * (its layout block lists the keys). Type wire names contain no NUL, so each type's keys are contiguous
 * and its change-log keys ascend with the version.
 *
 * <p>Every {@link #write} is one synced {@link WriteBatch} and is refused unless it carries the type's
 * stored version + 1, so each type's version counts its changes without a gap or a repeat, no item is
 * newer than its type, and the type's log holds its last {@code changesKept} versions without gaps. {@link #load} reads from one RocksDB snapshot and {@link #changes} from one
 * iterator, so a reader never sees half of a write.
 *
 * <p>A store made before resources existed, opened read-only, has neither family (a read-only open
 * cannot create them): {@code items} and {@code log} are then null and the store reads as empty.
 */
final class RocksResourceStore implements ResourceStore {

    private static final String VERSION_KEY_PREFIX = "resource_version/";

    private final Path dir;
    private final boolean readOnly;
    private final RocksDB db;
    private final ColumnFamilyHandle meta, items, log;
    private final WriteOptions syncWrite;

    RocksResourceStore(Path dir, boolean readOnly, RocksDB db, ColumnFamilyHandle meta, ColumnFamilyHandle items,
                       ColumnFamilyHandle log, WriteOptions syncWrite) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.db = db;
        this.meta = meta;
        this.items = items;
        this.log = log;
        this.syncWrite = syncWrite;
    }

    @Override
    public ResourceState load() {
        if (items == null) {
            return ResourceState.empty();
        }
        Snapshot snapshot = db.getSnapshot();
        try (ReadOptions options = new ReadOptions().setSnapshot(snapshot);
             RocksIterator it = db.newIterator(items, options)) {
            Map<ResourceType, ResourceVersion> versions = new EnumMap<>(ResourceType.class);
            for (ResourceType type : ResourceType.values()) {
                versions.put(type, version(db.get(meta, options, versionKey(type))));
            }
            Map<ResourceType, List<ResourceItem>> byType = new EnumMap<>(ResourceType.class);
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byType.computeIfAbsent(typeOf(it.key()), t -> new ArrayList<>())
                        .add(ResourceItem.fromStoredJson(parse(it.value())));
            }
            RocksLedgerStore.checkEnd(it, dir);
            return ResourceState.of(versions, byType);
        } catch (RocksDBException e) {
            throw RocksLedgerStore.failure("read", dir, e);
        } catch (IllegalArgumentException e) {
            throw new LedgerStoreException("unreadable resources in the ledger in " + dir + ": " + e.getMessage(), e);
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }

    @Override
    public void write(List<ResourceChange> changes, int changesKept) {
        if (readOnly) {
            throw new LedgerStoreException("the ledger in " + dir + " is open read-only");
        }
        if (changesKept < 1) {
            throw new IllegalArgumentException("the change log keeps at least the last change, not " + changesKept);
        }
        Map<ResourceType, ResourceVersion> versions = new EnumMap<>(ResourceType.class);
        try (WriteBatch batch = new WriteBatch()) {
            for (ResourceChange change : changes) {
                ResourceType type = change.type();
                ResourceVersion current = versions.containsKey(type) ? versions.get(type)
                        : version(db.get(meta, versionKey(type)));
                if (!change.version().equals(current.next())) {
                    throw new LedgerStoreException(type + " is at version " + current + " in the ledger in " + dir
                            + "; a change with version " + change.version() + " does not follow it");
                }
                versions.put(type, change.version());
                byte[] itemKey = itemKey(type, change.id());
                if (change.after() == null) {
                    batch.delete(items, itemKey);
                } else {
                    batch.put(items, itemKey, Json.bytes(change.after().toStoredJson()));
                }
                batch.put(log, changeKey(type, change.version().value()), Json.bytes(change.logJson()));
            }
            for (Map.Entry<ResourceType, ResourceVersion> type : versions.entrySet()) {
                batch.put(meta, versionKey(type.getKey()), RocksLedgerStore.sequenceKey(type.getValue().value()));
                long keepFrom = type.getValue().value() - changesKept + 1;
                if (keepFrom > 1) {
                    batch.deleteRange(log, changeKey(type.getKey(), 0), changeKey(type.getKey(), keepFrom));
                }
            }
            db.write(syncWrite, batch);
        } catch (RocksDBException e) {
            throw RocksLedgerStore.failure("write to", dir, e);
        }
    }

    @Override
    public Changes changes(ResourceType type, ResourceVersion since, ResourceVersion upTo) {
        if (since.isAfter(upTo)) {
            return new Changes(false, List.of());
        }
        if (since.equals(upTo) || log == null) {
            return new Changes(true, List.of());
        }
        byte[] prefix = typePrefix(type);
        try (RocksIterator it = db.newIterator(log)) {
            it.seek(prefix);
            if (it.isValid() && isChangeKey(it.key(), prefix) && versionOf(it.key()) > since.value() + 1) {
                return new Changes(false, List.of());
            }
            List<ObjectNode> entries = new ArrayList<>();
            for (it.seek(changeKey(type, since.value() + 1)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!isChangeKey(key, prefix) || versionOf(key) > upTo.value()) {
                    break;
                }
                entries.add(parse(it.value()));
            }
            RocksLedgerStore.checkEnd(it, dir);
            return new Changes(true, entries);
        }
    }

    // ------------------------------------------------------------------------------ encoding

    static byte[] itemKey(ResourceType type, String id) {
        byte[] prefix = typePrefix(type);
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + utf8.length).put(prefix).put(utf8).array();
    }

    static byte[] changeKey(ResourceType type, long version) {
        byte[] prefix = typePrefix(type);
        return ByteBuffer.allocate(prefix.length + 8).put(prefix).putLong(version).array();
    }

    static byte[] versionKey(ResourceType type) {
        return (VERSION_KEY_PREFIX + type.wireName()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] typePrefix(ResourceType type) {
        byte[] name = type.wireName().getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(name, name.length + 1);
    }

    private static boolean isChangeKey(byte[] key, byte[] prefix) {
        return key.length == prefix.length + 8 && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static long versionOf(byte[] changeKey) {
        return ByteBuffer.wrap(changeKey, changeKey.length - 8, 8).getLong();
    }

    private ResourceType typeOf(byte[] itemKey) {
        int end = 0;
        while (end < itemKey.length && itemKey[end] != 0) {
            end++;
        }
        String name = new String(itemKey, 0, end, StandardCharsets.UTF_8);
        return ResourceType.fromWireName(name).orElseThrow(() -> new LedgerStoreException(
                "the ledger in " + dir + " holds a resource of unknown type " + name));
    }

    private static ResourceVersion version(byte[] value) {
        return value == null ? ResourceVersion.ZERO : ResourceVersion.of(ByteBuffer.wrap(value).getLong());
    }

    private ObjectNode parse(byte[] json) {
        try {
            if (Json.MAPPER.readTree(json) instanceof ObjectNode object) {
                return object;
            }
            throw new LedgerStoreException("a resource record in the ledger in " + dir + " is not a JSON object");
        } catch (IOException e) {
            throw new LedgerStoreException("unreadable resource record in the ledger in " + dir + ": "
                    + e.getMessage(), e);
        }
    }
}
