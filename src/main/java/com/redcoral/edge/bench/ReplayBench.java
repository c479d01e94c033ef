package com.redcoral.edge.bench;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.Ledger;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.resource.PinHash;
import com.redcoral.edge.resource.ResourceBook;
import com.redcoral.edge.resource.StoreSeed;
import com.redcoral.edge.wire.CommandEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench replay}: writes a ledger of real events — counter orders opened, filled, paid and
 * completed through the same {@link Ledger} the node uses — then times {@link LedgerVerifier#verify}
 * on it: the hash chain, a full replay and the comparison of every snapshot.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build a ledger of N events, then measure how fast `verify` replays it.")
public final class ReplayBench implements Callable<Integer> {

    /** Commands per write while building: large batches, as a busy node's group commits are. */
    private static final int COMMANDS_PER_WRITE = 2_000;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Events in the ledger (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where to build it (default: a temporary folder, deleted afterwards).")
    Path dataDir;

    @Override
    public Integer call() throws IOException {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("redcoral-replay");
        try {
            long started = System.nanoTime();
            long written = build(dir);
            double buildSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("built %,d events in %.1f s (%,.0f events/s through the ledger)%n",
                    written, buildSeconds, written / buildSeconds);
            try (RocksLedgerStore store = RocksLedgerStore.openReadOnly(dir)) {
                LedgerVerifier.Report report = LedgerVerifier.verify(store, LedgerVerifier.Progress.NONE);
                System.out.printf("verify: %,d events, %,d orders in %.2f s = %,.0f events/s, %s%n",
                        report.eventsChecked(), report.ordersChecked(), report.elapsed().toNanos() / 1e9,
                        report.eventsPerSecond(), report.ok() ? "clean" : report.problems().size() + " problems");
                return report.ok() ? 0 : 1;
            }
        } finally {
            if (dataDir == null) {
                Folders.delete(dir);
            }
        }
    }

    private long build(Path dir) {
        try (RocksLedgerStore store = RocksLedgerStore.open(dir); InputStream seed =
                ReplayBench.class.getResourceAsStream("/conf/store-seed.json")) {
            long now = System.currentTimeMillis();
            ResourceBook resources = new ResourceBook(store.resources(), 1, new PinGuard(
                    new PinGuard.Policy(1, Duration.ofSeconds(1)), System::currentTimeMillis));
            // Nobody signs in to a bench's store: its admin gets a PIN nobody knows.
            resources.bootstrap(() -> PinHash.hash(UUID.randomUUID().toString()), StoreSeed.read(seed, "bundled"), now);
            Ledger ledger = new Ledger(store, resources.directory(), () -> UUID.randomUUID().toString());
            List<Commit> pending = new ArrayList<>();
            int receipt = 0;
            while (ledger.head().sequence() < events) {
                String orderId = decide(ledger, now, new OrderCommand.OpenTable(null, null, null, 1, null), pending);
                decide(ledger, now, new OrderCommand.AddItems(orderId, List.of(new OrderCommand.CartItem("espresso",
                        null, null, 2, null, null, null, null))), pending);
                decide(ledger, now, new OrderCommand.AddPayment(orderId, "cash", 500L, null, null), pending);
                decide(ledger, now, new OrderCommand.CompleteOrder(orderId, "R-" + ++receipt), pending);
                if (pending.size() >= COMMANDS_PER_WRITE) {
                    write(store, ledger, pending);
                }
            }
            write(store, ledger, pending);
            return store.head().sequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decide(Ledger ledger, long now, OrderCommand command, List<Commit> pending) {
        CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID().toString(), now, "emp_01", null,
                CommandType.of(command), command, null, null);
        Ledger.Outcome.Decided decided = (Ledger.Outcome.Decided) ledger.decide(envelope, now, Optional.empty());
        if (!decided.response().success()) {
            throw new IllegalStateException("the bench's own command was refused: " + decided.response());
        }
        pending.add(decided.commit());
        return decided.response().orderId();
    }

    private static void write(RocksLedgerStore store, Ledger ledger, List<Commit> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Commit commit = Commit.merge(pending);
        store.append(commit);
        ledger.committed(commit);
        pending.clear();
    }
}
