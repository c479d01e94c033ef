package com.redcoral.edge.ledger;

import static com.redcoral.edge.ledger.LedgerFixture.openCounter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksLedgerStoreTest implements LedgerStoreContract {

    @Override
    public LedgerStore openStore(Path dir) {
        return RocksLedgerStore.open(dir);
    }

    @Override
    public LedgerStore openReadOnly(Path dir) {
        return RocksLedgerStore.openReadOnly(dir);
    }

    @Test
    void createsTheFolderAndWritesTheFormat(@TempDir Path tmp) {
        Path dir = tmp.resolve("data/ledger");
        RocksLedgerStore.open(dir).close();

        try (RawLedger raw = RawLedger.open(dir)) {
            assertThat(new String(raw.get("meta", RocksLedgerStore.FORMAT_KEY), StandardCharsets.US_ASCII))
                    .isEqualTo("1");
        }
    }

    @Test
    void aLedgerOfAnotherFormatIsRefused(@TempDir Path dir) {
        RocksLedgerStore.open(dir).close();
        try (RawLedger raw = RawLedger.open(dir)) {
            raw.put("meta", RocksLedgerStore.FORMAT_KEY, "2".getBytes(StandardCharsets.US_ASCII));
        }

        assertThatThrownBy(() -> RocksLedgerStore.open(dir)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("format 2");
        assertThatThrownBy(() -> RocksLedgerStore.openReadOnly(dir)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    void aFolderThatIsNotALedgerIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a ledger");
        assertThatThrownBy(() -> RocksLedgerStore.open(dir)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("holds no ledger");
        assertThatThrownBy(() -> RocksLedgerStore.openReadOnly(dir)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("no ledger in " + dir);

        Path other = dir.resolve("other");
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true); RocksDB db = RocksDB.open(options, other.toString())) {
            db.put(new byte[] {1}, new byte[] {2});
        }
        assertThatThrownBy(() -> RocksLedgerStore.open(other)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining("not a ledger");
        try (Options options = new Options()) {
            assertThat(RocksDB.listColumnFamilies(options, other.toString())).hasSize(1);
        }
    }

    @Test
    void aMissingFolderCannotBeOpenedReadOnly(@TempDir Path tmp) {
        Path dir = tmp.resolve("nowhere");
        assertThatThrownBy(() -> RocksLedgerStore.openReadOnly(dir)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("does not exist");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aLedgerInUseCannotBeOpenedForWritingButCanBeRead(@TempDir Path dir) {
        LedgerFixture fixture = new LedgerFixture();
        try (RocksLedgerStore writer = RocksLedgerStore.open(dir)) {
            writer.append(fixture.commit(openCounter()));

            assertThatThrownBy(() -> RocksLedgerStore.open(dir)).isInstanceOf(LedgerStoreException.class)
                    .hasMessageContaining("cannot open the ledger in " + dir).hasMessageContaining("lock");
            try (RocksLedgerStore reader = RocksLedgerStore.openReadOnly(dir)) {
                assertThat(reader.head()).isEqualTo(fixture.head());
            }
        }
    }

    @Test
    void aFileInPlaceOfTheFolderIsReported(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("ledger"), "");
        assertThatThrownBy(() -> RocksLedgerStore.open(file)).isInstanceOf(LedgerStoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void keysSortAsTheNumbersAndOrdersTheyStandFor() {
        assertThat(Arrays.compareUnsigned(RocksLedgerStore.sequenceKey(255), RocksLedgerStore.sequenceKey(256)))
                .isNegative();
        assertThat(Arrays.compareUnsigned(RocksLedgerStore.sequenceKey(9), RocksLedgerStore.sequenceKey(10)))
                .isNegative();
        byte[] a1 = RocksLedgerStore.orderEventKey("a", 1);
        byte[] a300 = RocksLedgerStore.orderEventKey("a", 300);
        byte[] ab1 = RocksLedgerStore.orderEventKey("ab", 1);
        assertThat(Arrays.compareUnsigned(a1, a300)).isNegative();
        assertThat(Arrays.compareUnsigned(a300, ab1)).as("all of order a before order ab").isNegative();
        assertThat(a1).hasSize(1 + 1 + 8).startsWith((byte) 'a', (byte) 0);
    }
}
