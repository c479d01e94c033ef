package com.redcoral.edge.ledger;

import static com.redcoral.edge.ledger.Keys.ascii;
import static com.redcoral.edge.ledger.Keys.key;
import static com.redcoral.edge.ledger.Keys.startsWith;
import static com.redcoral.edge.ledger.Keys.utf8;

import com.redcoral.edge.kitchen.KitchenChange;
import com.redcoral.edge.kitchen.KitchenState;
import com.redcoral.edge.kitchen.KitchenStore;
import com.redcoral.edge.kitchen.KitchenTicket;
import com.redcoral.edge.kitchen.OrderTable;
import com.redcoral.edge.kitchen.TicketKey;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The kitchen's state in the {@code kitchen} family of the node's RocksDB:
 * <pre>
 *   checkpoint                                          → 8-byte BE sequence; absent until the kitchen first starts
 *   ticket/ ‖ UTF-8 destination id ‖ 0x00 ‖ 8-byte BE sequence → the ticket's JSON (docs/kitchen.md)
 *   table/ ‖ UTF-8 order id                              → {@link OrderTable} JSON
 * </pre>
 * Destination ids never contain NUL, so one destination's tickets are contiguous and in sequence order.
 * Each {@link #write} is one synced {@link WriteBatch}. A store made before the family existed, opened
 * read-only, reads as a kitchen that never started.
 */
public final class RocksKitchenStore implements KitchenStore {

    static final byte[] CHECKPOINT = ascii("checkpoint");
    private static final byte[] TICKET = ascii("ticket/");
    private static final byte[] TABLE = ascii("table/");

    private final Path dir;
    private final boolean readOnly;
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final WriteOptions syncWrite;

    /** The kitchen kept beside {@code ledger}; valid until the ledger is closed. */
    public RocksKitchenStore(RocksLedgerStore ledger) {
        this.dir = ledger.dir();
        this.readOnly = ledger.readOnly();
        this.db = ledger.db();
        this.family = ledger.laterFamily("kitchen").orElse(null);
        this.syncWrite = ledger.syncWrite();
    }

    @Override
    public Optional<KitchenState> load() {
        if (family == null) {
            return Optional.empty();
        }
        byte[] checkpoint;
        try {
            checkpoint = db.get(family, CHECKPOINT);
        } catch (RocksDBException e) {
            throw RocksLedgerStore.failure("read", dir, e);
        }
        if (checkpoint == null) {
            return Optional.empty();
        }
        List<KitchenTicket> tickets = new ArrayList<>();
        scan(TICKET, value -> tickets.add(parse(value, KitchenTicket.class)));
        List<OrderTable> tables = new ArrayList<>();
        scan(TABLE, value -> tables.add(parse(value, OrderTable.class)));
        return Optional.of(KitchenState.of(ByteBuffer.wrap(checkpoint).getLong(), tickets, tables));
    }

    @Override
    public void write(List<KitchenChange> changes, long checkpoint) {
        if (readOnly || family == null) {
            throw new LedgerStoreException("the ledger in " + dir + " is open read-only");
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (KitchenChange change : changes) {
                switch (change) {
                    case KitchenChange.TicketChanged c -> batch.put(family, ticketKey(c.ticket().key()),
                            Json.bytes(c.ticket()));
                    case KitchenChange.TicketRelabelled c -> batch.put(family, ticketKey(c.ticket().key()),
                            Json.bytes(c.ticket()));
                    case KitchenChange.TicketPruned c -> batch.delete(family, ticketKey(c.key()));
                    case KitchenChange.TableSet c -> batch.put(family, key(TABLE, utf8(c.table().orderId())),
                            Json.bytes(c.table()));
                    case KitchenChange.TableDropped c -> batch.delete(family, key(TABLE, utf8(c.orderId())));
                }
            }
            batch.put(family, CHECKPOINT, RocksLedgerStore.sequenceKey(checkpoint));
            db.write(syncWrite, batch);
        } catch (RocksDBException e) {
            throw RocksLedgerStore.failure("write to", dir, e);
        }
    }

    static byte[] ticketKey(TicketKey key) {
        byte[] destination = utf8(key.destinationId());
        return ByteBuffer.allocate(TICKET.length + destination.length + 9).put(TICKET).put(destination).put((byte) 0)
                .putLong(key.sequence()).array();
    }

    private void scan(byte[] prefix, Consumer<byte[]> visitor) {
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(prefix); it.isValid() && startsWith(it.key(), prefix); it.next()) {
                visitor.accept(it.value());
            }
            RocksLedgerStore.checkEnd(it, dir);
        }
    }

    private <T> T parse(byte[] json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new LedgerStoreException("unreadable " + type.getSimpleName() + " in the kitchen in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

}
