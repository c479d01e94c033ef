package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups of a store and their restore, on real RocksDB folders. */
class StoreBackupTest {

    @TempDir
    Path dir;
    private Path data;
    private LedgerStore.Head head;

    @BeforeEach
    void writeLedger() {
        data = dir.resolve("data");
        LedgerFixture fixture = new LedgerFixture(7);
        try (RocksLedgerStore store = RocksLedgerStore.open(data)) {
            while (fixture.head().sequence() < 120) {
                store.append(fixture.randomCommit(10));
            }
        }
        head = fixture.head();
    }

    @Test
    void aBackupRestoresIntoAnAbsentFolderAsTheSameLedger() {
        Path backup = dir.resolve("backup");
        List<long[]> progress = new ArrayList<>();
        StoreBackup.Copied copied;
        try (RocksLedgerStore store = RocksLedgerStore.open(data)) {
            copied = StoreBackup.backup(store, data, backup, "b1",
                    (files, filesTotal, bytes, bytesTotal) -> progress.add(new long[] {files, filesTotal, bytes, bytesTotal}),
                    () -> false);
        }
        assertThat(copied.head()).isEqualTo(head);
        assertThat(progress.getLast()).containsExactly(copied.files().size(), copied.files().size(), copied.bytes(),
                copied.bytes());
        assertThat(copied.files().getLast().name()).as("CURRENT is copied last").isEqualTo("CURRENT");

        Path restored = dir.resolve("restored");
        StoreBackup.Copied back = StoreBackup.restore(backup, restored, StoreBackup.Progress.NONE);

        assertThat(back.head()).isEqualTo(head);
        assertThat(back.columnFamilies()).isEqualTo(copied.columnFamilies());
        try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(restored)) {
            assertThat(store.head()).isEqualTo(head);
            assertThat(LedgerVerifier.verify(store, LedgerVerifier.Progress.NONE).ok()).isTrue();
        }
    }

    @Test
    void aRestoreRefusesAFolderARunningNodeHoldsOrThatIsNotEmpty() throws Exception {
        Path backup = dir.resolve("backup");
        try (RocksLedgerStore store = RocksLedgerStore.open(data)) {
            StoreBackup.backup(store, data, backup, "b1", StoreBackup.Progress.NONE, () -> false);

            assertThat(StoreBackup.inUse(data)).isTrue();
            assertThatThrownBy(() -> StoreBackup.restore(backup, data, StoreBackup.Progress.NONE))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--data-dir: " + data + " is in use by a running node (RocksDB's lock is held): stop "
                            + "the node, and restore into an empty or absent folder");
            assertThatThrownBy(() -> StoreBackup.restore(data, dir.resolve("elsewhere"), StoreBackup.Progress.NONE))
                    .hasMessageStartingWith("--from: " + data + " is in use by a running node");
        }
        assertThat(StoreBackup.inUse(data)).isFalse();
        assertThat(StoreBackup.inUse(backup)).as("a backup never had a lock").isFalse();
        assertThatThrownBy(() -> StoreBackup.restore(backup, data, StoreBackup.Progress.NONE))
                .hasMessage("--data-dir: " + data + " is not empty: a backup goes only into an empty or absent folder");
        assertThatThrownBy(() -> StoreBackup.restore(dir.resolve("nothing"), dir.resolve("x"), StoreBackup.Progress.NONE))
                .hasMessageStartingWith("--from: no ledger in " + dir.resolve("nothing"));
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void aBackupStoppedHalfwayLeavesNothingBehind() throws Exception {
        Path backup = dir.resolve("backup");
        Files.createDirectories(backup);
        try (RocksLedgerStore store = RocksLedgerStore.open(data)) {
            assertThatThrownBy(() -> StoreBackup.backup(store, data, backup, "b2", StoreBackup.Progress.NONE, () -> true))
                    .isInstanceOf(LedgerStoreException.class).hasMessageContaining("was stopped");
        }
        assertThat(backup).isEmptyDirectory();
        assertThat(Files.list(data)).noneMatch(p -> p.getFileName().toString().startsWith(StoreBackup.STAGING_PREFIX));
    }
}
