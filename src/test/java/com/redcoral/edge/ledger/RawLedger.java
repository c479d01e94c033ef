package com.redcoral.edge.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A ledger folder opened with plain RocksDB, bypassing {@link RocksLedgerStore}'s checks: how the
 * tests tamper with a closed ledger the way a disk fault or a person with a RocksDB tool could.
 */
final class RawLedger implements AutoCloseable {

    private final DBOptions options;
    private final RocksDB db;
    private final List<String> families = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    /** Opens every family present: RocksDB refuses a write open that leaves one out. */
    private RawLedger(Path dir) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options listing = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(listing, dir.toString())) {
                families.add(new String(name, StandardCharsets.UTF_8));
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        options = new DBOptions();
        db = RocksDB.open(options, dir.toString(), descriptors, handles);
    }

    static RawLedger open(Path dir) {
        try {
            return new RawLedger(dir);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] get(String family, byte[] key) {
        try {
            return db.get(handle(family), key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    void put(String family, byte[] key, byte[] value) {
        try {
            db.put(handle(family), key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    void delete(String family, byte[] key) {
        try {
            db.delete(handle(family), key);
        } catch (RocksDBException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key and value of {@code family}, in key order. */
    void forEach(String family, BiConsumer<byte[], byte[]> visitor) {
        try (RocksIterator it = db.newIterator(handle(family))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                visitor.accept(it.key(), it.value());
            }
        }
    }

    private ColumnFamilyHandle handle(String family) {
        int i = families.indexOf(family);
        if (i < 0) {
            throw new IllegalArgumentException("no column family " + family + " in " + families);
        }
        return handles.get(i);
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }
}
