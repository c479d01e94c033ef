package com.redcoral.edge.ledger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * A ledger folder opened with plain RocksDB, bypassing {@link RocksLedgerStore}'s checks: how the
 * tests tamper with a closed ledger the way a disk fault or a person with a RocksDB tool could.
 */
final class RawLedger implements AutoCloseable {

    private final DBOptions options;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    private RawLedger(Path dir) throws RocksDBException {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        RocksLedgerStore.FAMILIES.forEach(name -> descriptors.add(new ColumnFamilyDescriptor(name.getBytes())));
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

    private ColumnFamilyHandle handle(String family) {
        return handles.get(1 + RocksLedgerStore.FAMILIES.indexOf(family));
    }

    @Override
    public void close() {
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }
}
