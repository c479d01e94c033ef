package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.access.RevokedCertificate;
import com.redcoral.edge.access.Role;
import com.redcoral.edge.access.TerminalToken;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksCredentialStoreTest {

    @TempDir
    Path dir;

    private final TerminalToken token = new TerminalToken("0123456789abcdef", "grill", Role.KITCHEN, "grill",
            "a".repeat(64), 10, "admin", null, null);
    private final RevokedCertificate certificate = new RevokedCertificate("1f", 20, "admin", "lost");

    @Test
    void whatIsPutIsThereAfterAReopenAndALaterPutReplacesIt() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            store.credentials().put(token);
            store.credentials().put(certificate);
            store.credentials().put(new TerminalToken("0123456789abcdef", "grill", Role.KITCHEN, "grill",
                    "a".repeat(64), 10, "admin", 30L, "manager"));
        }
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            assertThat(store.credentials().tokens()).singleElement()
                    .satisfies(t -> assertThat(t.revokedBy()).isEqualTo("manager"));
            assertThat(store.credentials().revokedCertificates()).containsExactly(certificate);
        }
    }

    @Test
    void aReadOnlyOpenReadsButDoesNotWrite() {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            store.credentials().put(token);
        }
        try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(dir)) {
            assertThat(store.credentials().tokens()).containsExactly(token);
            assertThatThrownBy(() -> store.credentials().put(certificate)).hasMessageContaining("read-only");
        }
    }
}
