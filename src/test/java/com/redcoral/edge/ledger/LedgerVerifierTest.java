package com.redcoral.edge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.ledger.LedgerVerifier.Problem;
import com.redcoral.edge.ledger.LedgerVerifier.Report;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderStatus;
import com.redcoral.edge.wire.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LedgerVerifier} on a real ledger of some 2,600 events (more than two of the verifier's
 * chunks, so the links between chunks are checked too), written once and copied for each test,
 * then damaged the way a disk fault or a hand with a RocksDB tool would.
 */
class LedgerVerifierTest {

    @TempDir
    static Path shared;

    private static Path clean;
    private static LedgerFixture fixture;
    private static final List<Commit.Entry> LOG = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void writeALedger() {
        clean = shared.resolve("clean");
        fixture = new LedgerFixture(2024);
        try (RocksLedgerStore store = RocksLedgerStore.open(clean)) {
            while (fixture.head().sequence() < 2_600) {
                Commit commit = fixture.randomCommit(30);
                store.append(commit);
                LOG.addAll(commit.events());
            }
        }
    }

    @Test
    void aCleanLedgerVerifies() {
        List<long[]> progress = new ArrayList<>();
        try (LedgerStore store = RocksLedgerStore.openReadOnly(copy())) {
            Report report = LedgerVerifier.verify(store, (done, total) -> progress.add(new long[] {done, total}));

            assertThat(report.problems()).isEmpty();
            assertThat(report.ok()).isTrue();
            assertThat(report.eventsChecked()).isEqualTo(fixture.head().sequence()).isEqualTo(LOG.size());
            assertThat(report.ordersChecked()).isEqualTo(fixture.book().all().size());
            assertThat(report.eventsPerSecond()).isPositive();
            assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(LOG.size()));
            assertThat(progress.get(progress.size() - 1)[0]).isEqualTo(LOG.size());
            assertThat(LedgerVerifier.quickCheck(store)).isEmpty();
        }
    }

    @Test
    void anEmptyLedgerVerifies() {
        try (LedgerStore store = RocksLedgerStore.open(dir)) {
            Report report = LedgerVerifier.verify(store, LedgerVerifier.Progress.NONE);
            assertThat(report.problems()).isEmpty();
            assertThat(report.eventsChecked()).isZero();
            assertThat(LedgerVerifier.quickCheck(store)).isEmpty();
        }
    }

    @Test
    void oneChangedByteIsNamedBySequenceAndTheChainIsNotCheckedFurther() {
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            editOperatorName(raw, 700);
            editOperatorName(raw, 1_800);
        }

        List<Problem> problems = verify(copy);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.sequence()).isEqualTo(700);
            assertThat(p.message()).startsWith("hash chain broken at sequence 700:");
        });
    }

    @Test
    void aChangeToTheFirstEventOfAChunkIsFound() {
        for (long sequence : new long[] {1, 1_025, 2_049}) { // chunks of the verifier start at 1, 1025, 2049
            Path copy = copy();
            try (RawLedger raw = RawLedger.open(copy)) {
                editOperatorName(raw, sequence);
            }
            assertThat(verify(copy)).extracting(Problem::message).singleElement().asString()
                    .startsWith("hash chain broken at sequence " + sequence + ":");
            delete(copy);
        }
    }

    @Test
    void aDeletedEventIsAGap() {
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            raw.delete("events", RocksLedgerStore.sequenceKey(900));
        }

        List<String> messages = verify(copy).stream().map(Problem::message).toList();

        assertThat(messages.get(0)).isEqualTo("event 900 is missing from the log (gap before 901)");
        assertThat(messages.get(1)).startsWith("hash chain broken at sequence 901:");
        assertThat(messages).filteredOn(m -> m.startsWith("hash chain")).hasSize(1);
    }

    @Test
    void swappedEventsAreNamed() {
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            byte[] a = raw.get("events", RocksLedgerStore.sequenceKey(1_200));
            byte[] b = raw.get("events", RocksLedgerStore.sequenceKey(1_201));
            raw.put("events", RocksLedgerStore.sequenceKey(1_200), b);
            raw.put("events", RocksLedgerStore.sequenceKey(1_201), a);
        }

        List<String> messages = verify(copy).stream().map(Problem::message).toList();

        assertThat(messages).contains("event stored at sequence 1200 says it is sequence 1201",
                "event stored at sequence 1201 says it is sequence 1200");
        assertThat(messages).filteredOn(m -> m.startsWith("hash chain")).singleElement().asString()
                .startsWith("hash chain broken at sequence 1200:");
    }

    @Test
    void aSnapshotThatDiffersFromTheReplayIsNamed() {
        Order completed = anOrder(OrderStatus.COMPLETED);
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            ObjectNode tree = Json.MAPPER.valueToTree(completed);
            tree.put("guest_count", 99);
            raw.put("snapshots", completed.orderId().getBytes(StandardCharsets.UTF_8), json(tree));
        }

        List<Problem> problems = verify(copy);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.orderId()).isEqualTo(completed.orderId());
            assertThat(p.sequence()).isEqualTo(completed.lastSequence());
            assertThat(p.message()).isEqualTo("order " + completed.orderId() + ": snapshot differs from replay at "
                    + "sequence " + completed.lastSequence() + " (stored vs replayed): guest_count 99 vs "
                    + completed.guestCount());
        });
    }

    @Test
    void aWrongHeadIsNamed() {
        long last = fixture.head().sequence();
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            raw.put("meta", RocksLedgerStore.HEAD_SEQUENCE_KEY, RocksLedgerStore.sequenceKey(last - 1));
        }
        assertThat(verify(copy)).extracting(Problem::message)
                .containsExactly("the head says sequence " + (last - 1) + " but the log ends at sequence " + last);
        try (LedgerStore store = RocksLedgerStore.openReadOnly(copy)) {
            assertThat(LedgerVerifier.quickCheck(store)).extracting(Problem::message).containsExactly(
                    "event " + last + " is stored after the head, sequence " + (last - 1),
                    "the head's hash " + fixture.head().hash() + " differs from the stored hash "
                            + LOG.get((int) last - 2).event().hash() + " of event " + (last - 1));
        }
    }

    @Test
    void anActiveSetOutOfStepWithTheReplayIsNamed() {
        Order active = anOrder(OrderStatus.ACTIVE);
        Order completed = anOrder(OrderStatus.COMPLETED);
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            raw.delete("active_orders", active.orderId().getBytes(StandardCharsets.UTF_8));
            raw.put("active_orders", completed.orderId().getBytes(StandardCharsets.UTF_8), new byte[0]);
        }

        assertThat(verify(copy)).extracting(Problem::message).containsExactlyInAnyOrder(
                "order " + active.orderId() + ": ACTIVE in replay but missing from the active orders",
                "order " + completed.orderId() + ": listed as active but replay leaves it COMPLETED");
        try (LedgerStore store = RocksLedgerStore.openReadOnly(copy)) {
            assertThat(LedgerVerifier.quickCheck(store)).extracting(Problem::message).containsExactly(
                    "order " + completed.orderId() + ": listed as active but replay leaves it COMPLETED");
        }
    }

    @Test
    void aSnapshotWithoutEventsIsNamed() {
        Order stray = anOrder(OrderStatus.VOIDED);
        String id = "00000000-0000-0000-0000-000000000000";
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            ObjectNode tree = Json.MAPPER.valueToTree(stray);
            tree.put("order_id", id);
            raw.put("snapshots", id.getBytes(StandardCharsets.UTF_8), json(tree));
        }
        assertThat(verify(copy)).extracting(Problem::message)
                .containsExactly("order " + id + ": a snapshot is stored but the log has no events for it");
    }

    @Test
    void quickCheckComparesEachActiveOrderWithItsOwnEvents() {
        Order active = anOrder(OrderStatus.ACTIVE);
        Path copy = copy();
        try (RawLedger raw = RawLedger.open(copy)) {
            ObjectNode tree = Json.MAPPER.valueToTree(active);
            tree.put("note", "edited");
            raw.put("snapshots", active.orderId().getBytes(StandardCharsets.UTF_8), json(tree));
        }
        try (LedgerStore store = RocksLedgerStore.openReadOnly(copy)) {
            assertThat(LedgerVerifier.quickCheck(store)).singleElement().satisfies(p -> {
                assertThat(p.orderId()).isEqualTo(active.orderId());
                assertThat(p.message()).contains("snapshot differs from replay").contains("note \"edited\" vs");
            });
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private static List<Problem> verify(Path ledger) {
        try (LedgerStore store = RocksLedgerStore.openReadOnly(ledger)) {
            Report report = LedgerVerifier.verify(store, LedgerVerifier.Progress.NONE);
            assertThat(report.ok()).isFalse();
            return report.problems();
        }
    }

    /** Changes the first letter of the operator's name in the stored event, leaving its hash as it was. */
    private static void editOperatorName(RawLedger raw, long sequence) {
        byte[] value = raw.get("events", RocksLedgerStore.sequenceKey(sequence));
        String text = new String(value, StandardCharsets.UTF_8);
        int at = text.indexOf("\"operator_name\":\"") + "\"operator_name\":\"".length();
        value[at] = (byte) (value[at] == 'X' ? 'Y' : 'X');
        raw.put("events", RocksLedgerStore.sequenceKey(sequence), value);
    }

    private static Order anOrder(OrderStatus status) {
        return fixture.book().all().stream().filter(o -> o.status() == status && o.lastSequence() > 1_100)
                .findFirst().orElseThrow(() -> new AssertionError("the fixture has no " + status + " order"));
    }

    private static byte[] json(ObjectNode tree) {
        try {
            return Json.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path copy() {
        Path target = dir.resolve("ledger");
        try (Stream<Path> files = Files.walk(clean)) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, target.resolve(clean.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
