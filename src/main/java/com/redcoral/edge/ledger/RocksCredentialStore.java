package com.redcoral.edge.ledger;

import static com.redcoral.edge.ledger.Keys.ascii;
import static com.redcoral.edge.ledger.Keys.key;
import static com.redcoral.edge.ledger.Keys.startsWith;
import static com.redcoral.edge.ledger.Keys.utf8;

import com.redcoral.edge.access.CredentialStore;
import com.redcoral.edge.access.RevokedCertificate;
import com.redcoral.edge.access.TerminalToken;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * Terminal tokens and revoked certificates in the {@code credentials} family of the node's RocksDB:
 * {@code token/<id>} and {@code certificate/<serial>}, each a JSON value, each put one synced write.
 * A store made before the family existed, opened read-only, reads as holding none.
 */
final class RocksCredentialStore implements CredentialStore {

    private static final byte[] TOKEN = ascii("token/");
    private static final byte[] CERTIFICATE = ascii("certificate/");

    private final Path dir;
    private final boolean readOnly;
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final WriteOptions syncWrite;

    RocksCredentialStore(Path dir, boolean readOnly, RocksDB db, ColumnFamilyHandle family, WriteOptions syncWrite) {
        this.dir = dir;
        this.readOnly = readOnly;
        this.db = db;
        this.family = family;
        this.syncWrite = syncWrite;
    }

    @Override
    public List<TerminalToken> tokens() {
        return scan(TOKEN, TerminalToken.class);
    }

    @Override
    public List<RevokedCertificate> revokedCertificates() {
        return scan(CERTIFICATE, RevokedCertificate.class);
    }

    @Override
    public void put(TerminalToken token) {
        put(TOKEN, token.tokenId(), token);
    }

    @Override
    public void put(RevokedCertificate certificate) {
        put(CERTIFICATE, certificate.serial(), certificate);
    }

    private void put(byte[] prefix, String id, Object value) {
        if (readOnly) {
            throw new LedgerStoreException("the ledger in " + dir + " is open read-only");
        }
        try {
            db.put(family, syncWrite, key(prefix, utf8(id)), Json.bytes(value));
        } catch (RocksDBException e) {
            throw RocksLedgerStore.failure("write to", dir, e);
        }
    }

    private <T> List<T> scan(byte[] prefix, Class<T> type) {
        List<T> found = new ArrayList<>();
        if (family == null) {
            return found;
        }
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                found.add(Json.MAPPER.readValue(it.value(), type));
            }
            RocksLedgerStore.checkEnd(it, dir);
        } catch (IOException e) {
            throw new LedgerStoreException("unreadable " + type.getSimpleName() + " in " + dir + ": "
                    + e.getMessage(), e);
        }
        return found;
    }

}
