package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerFixture;
import com.redcoral.edge.ledger.RocksLedgerStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import picocli.CommandLine;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aCleanLedgerExitsZero() {
        long events = writeLedger();

        int exit = verify("--data-dir", dir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains(String.format(Locale.ROOT, "events   %,d", events))
                .contains("OK: chain intact, snapshots equal replay").contains("events/s");
        // not a terminal here: a line for each tenth reached, ending at 100 %
        assertThat(err.toString().lines().toList()).last().asString()
                .isEqualTo(String.format(Locale.ROOT, "verify: 100%% %,d/%,d events", events, events));
    }

    @Test
    void aTamperedLedgerExitsOneAndNamesTheSequence() throws Exception {
        writeLedger();
        tamperWithEvent(40);

        int exit = verify("--data-dir", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: 1 problem").contains("hash chain broken at sequence 40:")
                .doesNotContain("OK:");
    }

    @Test
    void aMissingFolderExitsTwoAndSaysWhich() {
        Path missing = dir.resolve("no-such-ledger");

        int exit = verify("--data-dir", missing.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(missing.toString()).contains("does not exist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theProgressBarRedrawsOneLineOnATerminal() {
        StringWriter terminal = new StringWriter();
        VerifyCommand.ProgressBar bar = new VerifyCommand.ProgressBar(new PrintWriter(terminal), true);
        bar.update(580_000, 1_000_000);
        bar.update(1_000_000, 1_000_000);
        bar.finish();

        assertThat(terminal.toString()).isEqualTo("\r[#################.............]  58% 580,000/1,000,000 events"
                + "\r[##############################] 100% 1,000,000/1,000,000 events" + System.lineSeparator());
    }

    @Test
    void withoutATerminalProgressIsALineForEachTenth() {
        StringWriter log = new StringWriter();
        VerifyCommand.ProgressBar bar = new VerifyCommand.ProgressBar(new PrintWriter(log), false);
        for (long done = 10_000; done <= 1_000_000; done += 10_000) {
            bar.update(done, 1_000_000);
        }
        bar.finish();

        assertThat(log.toString().lines()).hasSize(10)
                .startsWith("verify: 10% 100,000/1,000,000 events", "verify: 20% 200,000/1,000,000 events")
                .endsWith("verify: 100% 1,000,000/1,000,000 events");
    }

    private int verify(String... args) {
        CommandLine cli = new CommandLine(new VerifyCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private long writeLedger() {
        LedgerFixture fixture = new LedgerFixture(11);
        try (RocksLedgerStore store = RocksLedgerStore.open(dir)) {
            while (fixture.head().sequence() < 150) {
                Commit commit = fixture.randomCommit(10);
                store.append(commit);
            }
        }
        return fixture.head().sequence();
    }

    /**
     * Rewrites one stored event's operator name with plain RocksDB, as someone with a RocksDB tool could.
     * A write open must name every family present, so they are listed rather than assumed.
     */
    private void tamperWithEvent(long sequence) throws Exception {
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        try (Options listing = new Options()) {
            RocksDB.listColumnFamilies(listing, dir.toString())
                    .forEach(name -> families.add(new ColumnFamilyDescriptor(name)));
        }
        int events = families.stream().map(f -> new String(f.getName(), StandardCharsets.US_ASCII)).toList()
                .indexOf("events");
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
            byte[] key = java.nio.ByteBuffer.allocate(8).putLong(sequence).array();
            byte[] value = db.get(handles.get(events), key);
            String text = new String(value, StandardCharsets.UTF_8).replace("\"operator_name\":\"", "\"operator_name\":\"X");
            db.put(handles.get(events), key, text.getBytes(StandardCharsets.UTF_8));
            handles.forEach(ColumnFamilyHandle::close);
        }
    }
}
