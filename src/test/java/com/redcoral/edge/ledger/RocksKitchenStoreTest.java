package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.kitchen.KitchenChange;
import com.redcoral.edge.kitchen.KitchenStore;
import com.redcoral.edge.kitchen.KitchenStoreContract;
import com.redcoral.edge.kitchen.TicketKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksKitchenStoreTest implements KitchenStoreContract {

    private RocksLedgerStore ledger;

    @Override
    public KitchenStore openStore(Path dir) {
        ledger = RocksLedgerStore.open(dir);
        return new RocksKitchenStore(ledger);
    }

    @Override
    public KitchenStore reopen(Path dir) {
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
    void aReadOnlyStoreReadsTheKitchenAndRefusesToWrite(@TempDir Path dir) {
        openStore(dir).write(List.of(new KitchenChange.TicketChanged(KitchenChange.Change.CREATED,
                KitchenStoreContract.ticket("kitchen", 2, "o1"))), 2);
        ledger.close();

        try (RocksLedgerStore readOnly = RocksLedgerStore.openReadOnly(dir)) {
            KitchenStore kitchen = new RocksKitchenStore(readOnly);
            assertThat(kitchen.load().orElseThrow().tickets()).containsOnlyKeys(new TicketKey("kitchen", 2));
            assertThatThrownBy(() -> kitchen.write(List.of(), 3)).isInstanceOf(LedgerStoreException.class)
                    .hasMessageContaining("read-only");
        }
    }

    @Test
    void ticketKeysSortByDestinationThenSequence() {
        byte[] k255 = RocksKitchenStore.ticketKey(new TicketKey("kitchen", 255));
        byte[] k256 = RocksKitchenStore.ticketKey(new TicketKey("kitchen", 256));
        assertThat(Arrays.compareUnsigned(k255, k256)).isNegative();
        assertThat(Arrays.compareUnsigned(RocksKitchenStore.ticketKey(new TicketKey("bar", Long.MAX_VALUE)),
                RocksKitchenStore.ticketKey(new TicketKey("bar2", 1)))).isNegative();
        assertThat(k255).hasSize("ticket/kitchen".length() + 1 + 8)
                .startsWith("ticket/kitchen\0".getBytes(StandardCharsets.UTF_8));
    }
}
