package com.redcoral.edge.ledger;

import static com.redcoral.edge.resource.ResourceFixture.employee;
import static com.redcoral.edge.resource.ResourceFixture.product;
import static com.redcoral.edge.resource.ResourceType.EMPLOYEE;
import static com.redcoral.edge.resource.ResourceType.PRINT_DESTINATION;
import static com.redcoral.edge.resource.ResourceType.PRODUCT;
import static com.redcoral.edge.resource.ResourceStoreContract.ALL;
import static com.redcoral.edge.resource.ResourceVersion.ZERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.resource.PinHash;
import com.redcoral.edge.resource.ResourceChange;
import com.redcoral.edge.resource.ResourceFixture;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.ResourceStore.Changes;
import com.redcoral.edge.resource.ResourceStoreContract;
import com.redcoral.edge.resource.ResourceVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class RocksResourceStoreTest implements ResourceStoreContract {

    private RocksLedgerStore ledger;

    @Override
    public ResourceStore openStore(Path dir) {
        ledger = RocksLedgerStore.open(dir);
        return ledger.resources();
    }

    @Override
    public ResourceStore reopen(Path dir) {
        ledger.close();
        return openStore(dir);
    }

    @AfterEach
    void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aReadOnlyStoreSeesTheResourcesAndRefusesToWrite(@TempDir Path dir) {
        ResourceFixture fixture = new ResourceFixture();
        openStore(dir).write(List.of(fixture.create(PRODUCT, "latte", product("Latte", 350))), ALL);
        ledger.close();

        try (RocksLedgerStore readOnly = RocksLedgerStore.openReadOnly(dir)) {
            ResourceStoreContract.assertLoads(readOnly.resources(), fixture.state());
            ResourceChange next = fixture.create(PRODUCT, "tea", product("Tea", 250));
            assertThatThrownBy(() -> readOnly.resources().write(List.of(next), ALL))
                    .isInstanceOf(LedgerStoreException.class).hasMessageContaining("read-only");
            assertThat(readOnly.resources().load().version(PRODUCT)).isEqualTo(ResourceVersion.of(1));
        }
    }

    @Test
    void aLedgerFromBeforeResourcesReadsAsEmptyAndGainsTheirFamiliesWhenOpenedForWriting(@TempDir Path dir)
            throws RocksDBException {
        createWithLedgerFamiliesOnly(dir);

        try (RocksLedgerStore readOnly = RocksLedgerStore.openReadOnly(dir)) {
            ResourceStore resources = readOnly.resources();
            assertThat(resources.load().isNew()).isTrue();
            assertThat(resources.changes(PRODUCT, ZERO, ResourceVersion.of(3))).isEqualTo(new Changes(true, List.of()));
            assertThat(readOnly.head()).isEqualTo(LedgerStore.Head.EMPTY);
        }
        assertThat(families(dir)).doesNotContainAnyElementsOf(RocksLedgerStore.RESOURCE_FAMILIES);

        ResourceFixture fixture = new ResourceFixture();
        openStore(dir).write(List.of(fixture.create(PRODUCT, "latte", product("Latte", 350))), ALL);
        ledger.append(new LedgerFixture().commit(LedgerFixture.openCounter()));
        ledger.close();
        assertThat(families(dir)).containsAll(RocksLedgerStore.FAMILIES)
                .containsAll(RocksLedgerStore.RESOURCE_FAMILIES);

        try (RocksLedgerStore readOnly = RocksLedgerStore.openReadOnly(dir)) {
            ResourceStoreContract.assertLoads(readOnly.resources(), fixture.state());
            assertThat(readOnly.head().sequence()).isEqualTo(1);
        }
    }

    @Test
    void theChangeLogNeverHoldsAPinHashButTheItemsDo(@TempDir Path dir) {
        String pin = "4821";
        String pinHash = PinHash.hash(pin);
        ResourceFixture fixture = new ResourceFixture();
        ResourceStore store = openStore(dir);
        store.write(List.of(fixture.create(EMPLOYEE, "e-ana", employee("Ana", pinHash))), ALL);
        store.write(List.of(fixture.update(EMPLOYEE, "e-ana", employee("Ana", PinHash.hash("7390")))), ALL);
        store.write(List.of(fixture.create(EMPLOYEE, "e-ben", employee("Ben", pinHash))), ALL);
        ledger.close();

        List<String> log = new ArrayList<>();
        List<String> items = new ArrayList<>();
        try (RawLedger raw = RawLedger.open(dir)) {
            raw.forEach("resource_changes", (key, value) -> log.add(new String(value, StandardCharsets.UTF_8)));
            raw.forEach("resources", (key, value) -> items.add(new String(value, StandardCharsets.UTF_8)));
        }
        assertThat(log).hasSize(3).allSatisfy(entry -> assertThat(entry)
                .doesNotContain("pin_hash", "pbkdf2", pinHash.substring(pinHash.lastIndexOf('$') + 1), pin, "7390"));
        assertThat(items).hasSize(2).allSatisfy(item -> assertThat(item).contains("\"pin_hash\":\"pbkdf2-sha256$"));
        assertThat(items).anySatisfy(item -> assertThat(item).contains(pinHash));
    }

    @Test
    void keysSortByTypeThenVersion() {
        byte[] v255 = RocksResourceStore.changeKey(PRODUCT, 255);
        byte[] v256 = RocksResourceStore.changeKey(PRODUCT, 256);
        assertThat(Arrays.compareUnsigned(v255, v256)).isNegative();
        assertThat(Arrays.compareUnsigned(RocksResourceStore.changeKey(PRINT_DESTINATION, Long.MAX_VALUE),
                RocksResourceStore.changeKey(PRODUCT, 0))).isNegative();
        assertThat(v255).hasSize("product".length() + 1 + 8).startsWith("product\0".getBytes(StandardCharsets.UTF_8));
        assertThat(RocksResourceStore.itemKey(PRODUCT, "latté"))
                .isEqualTo("product\0latté".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(RocksResourceStore.versionKey(PRODUCT), StandardCharsets.UTF_8))
                .isEqualTo("resource_version/product");
    }

    /** A ledger as the build before resources made it: only the ledger's families, format 1, no events. */
    private static void createWithLedgerFamiliesOnly(Path dir) throws RocksDBException {
        RocksDB.loadLibrary();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        RocksLedgerStore.FAMILIES.forEach(name ->
                descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.US_ASCII))));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
            try {
                ColumnFamilyHandle meta = handles.get(1 + RocksLedgerStore.FAMILIES.indexOf("meta"));
                db.put(meta, RocksLedgerStore.FORMAT_KEY, RocksLedgerStore.FORMAT.getBytes(StandardCharsets.US_ASCII));
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static List<String> families(Path dir) throws RocksDBException {
        try (Options options = new Options()) {
            return RocksDB.listColumnFamilies(options, dir.toString()).stream()
                    .map(name -> new String(name, StandardCharsets.UTF_8)).toList();
        }
    }
}
