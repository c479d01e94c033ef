package com.redcoral.edge.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.Json;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays a ledger and says, in plain words, where it does not hold together: a gap in the
 * sequences, an event stored under the wrong key, a broken hash chain, a head that is not the end
 * of the log, a snapshot or an active-order entry that is not what replaying the events gives.
 *
 * <p>{@link #verify} reads the whole log with every core: workers read, chain-check and parse
 * chunks of the log in parallel; the calling thread takes the chunks in order for the checks that
 * need the whole log in order (gaps, the links between chunks, each event's own sequence) and hands
 * each one on to fold partitions, one thread per partition of the order ids, so every order still
 * sees its events in sequence order; meanwhile another worker reads the stored snapshots. The
 * hash chain needs only the stored bytes, so it never waits for parsing. {@link #quickCheck} is the
 * start-up check: the head and the active orders only.
 */
public final class LedgerVerifier {

    private static final int CHUNK = 1_024;
    private static final int PROGRESS_EVERY = 10_000;
    private static final int MAX_PROBLEMS = 1_000;

    private LedgerVerifier() {}

    /**
     * One thing wrong with the ledger.
     *
     * @param sequence the event it concerns, or 0 when it concerns no single event
     * @param orderId  the order it concerns, or null
     * @param message  what is wrong, readable on its own
     */
    public record Problem(long sequence, String orderId, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    /** Told how far a verification has got: {@code total} is the head sequence. Called on the verifying thread. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {};

        void update(long done, long total);
    }

    /** The outcome of {@link #verify}; the ledger is sound exactly when {@code problems} is empty. */
    public record Report(long eventsChecked, long ordersChecked, List<Problem> problems, Duration elapsed) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        public double eventsPerSecond() {
            return eventsChecked / Math.max(elapsed.toNanos() / 1e9, 1e-9);
        }
    }

    // ----------------------------------------------------------------------------- verify

    /**
     * Replays the whole log and compares it with the head, the snapshots and the active set. The store
     * must not be written meanwhile: a read-only open and a {@linkplain RocksLedgerStore#pinned() pinned
     * view} of a live store are fixed views.
     */
    public static Report verify(LedgerStore store, Progress progress) {
        long started = System.nanoTime();
        LedgerStore.Head head = store.head();
        long end = endOfLog(store, head);
        long chunks = (end + CHUNK - 1) / CHUNK;
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        ExecutorService readers = Executors.newFixedThreadPool(threads + 1, Thread.ofPlatform().daemon()
                .name("ledger-verify-read-", 1).factory());
        List<Partition> partitions = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
            partitions.add(new Partition(p));
        }
        try {
            // The stored snapshots are read alongside the replay, on a core the replay leaves idle now and then.
            Future<?> snapshots = readers.submit(() -> store.scanSnapshots(stored ->
                    partitions.get(partitionOf(stored.orderId(), threads)).stored.put(stored.orderId(), stored)));
            LogCheck log = new LogCheck();
            Deque<Future<Chunk>> reading = new ArrayDeque<>();
            Deque<CompletableFuture<Void>> folding = new ArrayDeque<>();
            long submitted = 0;
            while (submitted < chunks || !reading.isEmpty()) {
                while (submitted < chunks && reading.size() < threads + 2) {
                    long after = submitted++ * CHUNK;
                    reading.add(readers.submit(() -> Chunk.read(store, after, Math.min(after + CHUNK, end), threads)));
                }
                Chunk chunk = await(reading.poll());
                long before = log.events;
                log.check(chunk);
                folding.add(CompletableFuture.allOf(partitions.stream()
                        .map(partition -> CompletableFuture.runAsync(() -> partition.fold(chunk), partition.thread))
                        .toArray(CompletableFuture<?>[]::new)));
                while (folding.size() > threads + 1) {
                    await(folding.poll());
                }
                if (log.events / PROGRESS_EVERY != before / PROGRESS_EVERY) {
                    progress.update(log.events, Math.max(head.sequence(), log.events));
                }
            }
            folding.forEach(LedgerVerifier::await);
            await(snapshots);
            progress.update(log.events, Math.max(head.sequence(), log.events));

            Set<String> listed = new HashSet<>();
            store.activeOrders().forEach(order -> listed.add(order.orderId()));
            List<Future<List<Problem>>> comparisons = partitions.stream()
                    .map(partition -> partition.thread.submit(() -> partition.compare(listed))).toList();
            List<Problem> problems = new ArrayList<>(log.problems);
            partitions.forEach(partition -> problems.addAll(partition.fold.problems));
            problems.sort(Comparator.comparingLong(Problem::sequence));
            problems.addAll(checkHead(head, log.lastSequence, log.lastHash));
            List<Problem> differences = new ArrayList<>();
            comparisons.forEach(comparison -> differences.addAll(await(comparison)));
            differences.sort(Comparator.comparingLong(Problem::sequence));
            problems.addAll(differences);
            long orders = partitions.stream().mapToLong(partition -> partition.fold.orders.size()).sum();
            return new Report(log.events, orders, capped(problems), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            readers.shutdownNow();
            partitions.forEach(partition -> partition.thread.shutdownNow());
        }
    }

    /** The head, or the last stored key when events lie beyond the head (a problem reported later). */
    private static long endOfLog(LedgerStore store, LedgerStore.Head head) {
        long[] last = {head.sequence()};
        store.scan(head.sequence(), (sequence, hash, canonical) -> {
            last[0] = sequence;
            return true;
        });
        return last[0];
    }

    private static int partitionOf(String orderId, int partitions) {
        return (orderId.hashCode() & Integer.MAX_VALUE) % partitions;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("verification interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The events with keys in (after, upTo], read, chained and parsed by a worker. The chain inside the
     * chunk is checked here; the link of its first event to the chunk before is left to the
     * {@link LogCheck}, which knows that chunk's last hash.
     */
    private static final class Chunk {
        final List<StoredEvent> events = new ArrayList<>(CHUNK);
        byte[] firstCanonical;

        static Chunk read(LedgerStore store, long after, long upTo, int partitions) {
            Chunk chunk = new Chunk();
            store.scan(after, (sequence, hash, canonical) -> {
                if (sequence > upTo) {
                    return false;
                }
                if (chunk.events.isEmpty()) {
                    chunk.firstCanonical = canonical;
                }
                boolean linked = !chunk.events.isEmpty()
                        && EventChain.hash(chunk.events.getLast().hash(), canonical).equals(hash);
                RecordedEvent event = null;
                String unreadable = null;
                try {
                    event = EventChain.read(hash, canonical);
                } catch (RuntimeException e) {
                    unreadable = e.getMessage();
                }
                chunk.events.add(new StoredEvent(sequence, hash, linked, event, unreadable,
                        event == null ? -1 : partitionOf(event.orderId(), partitions)));
                return true;
            });
            return chunk;
        }
    }

    /**
     * The event stored under {@code key}, as a worker found it: whether it hashes to its stored hash
     * after the event before it in the chunk (false for the first, which the {@link LogCheck} links),
     * and the event, or why it cannot be read (then {@code event} is null and {@code partition} -1).
     */
    private record StoredEvent(long key, String hash, boolean linked, RecordedEvent event, String unreadable,
                               int partition) {}

    /** The checks that need the whole log in order: keys without gaps, the chain, each event's own sequence. */
    private static final class LogCheck {
        final List<Problem> problems = new ArrayList<>();
        long events;
        long lastSequence;
        String lastHash = EventChain.GENESIS;
        boolean chainBroken;

        void check(Chunk chunk) {
            for (int i = 0; i < chunk.events.size(); i++) {
                StoredEvent entry = chunk.events.get(i);
                long key = entry.key();
                events++;
                if (key != lastSequence + 1) {
                    problems.add(new Problem(lastSequence + 1, null, key == lastSequence + 2
                            ? "event " + (lastSequence + 1) + " is missing from the log (gap before " + key + ")"
                            : "events " + (lastSequence + 1) + " to " + (key - 1) + " are missing from the log"));
                }
                boolean linked = i == 0 ? EventChain.hash(lastHash, chunk.firstCanonical).equals(entry.hash())
                        : entry.linked();
                if (!linked && !chainBroken) {
                    chainBroken = true;
                    problems.add(new Problem(key, null, "hash chain broken at sequence " + key + ": the stored "
                            + "event does not hash to its stored hash " + abbreviate(entry.hash()) + " after the "
                            + "event before it; it was changed, or an event before it was removed or moved (the "
                            + "chain is not checked further)"));
                }
                lastSequence = key;
                lastHash = entry.hash();
                RecordedEvent event = entry.event();
                if (event == null) {
                    problems.add(new Problem(key, null, "event " + key + " cannot be read: " + entry.unreadable()));
                } else if (event.sequence() != key) {
                    problems.add(new Problem(key, event.orderId(), "event stored at sequence " + key
                            + " says it is sequence " + event.sequence()));
                }
            }
        }
    }

    /** Orders as their events make them; events must come in log order for each order. */
    private static final class Fold {
        final Map<String, Order> orders = new HashMap<>();
        final Set<String> unreplayable = new HashSet<>();
        final List<Problem> problems = new ArrayList<>();

        /** An event that does not apply is a problem, and its order is left out from then on. */
        void apply(RecordedEvent event) {
            String orderId = event.orderId();
            if (!unreplayable.isEmpty() && unreplayable.contains(orderId)) {
                return;
            }
            try {
                orders.compute(orderId, (id, before) -> OrderDecider.evolve(before, event));
            } catch (RuntimeException e) {
                unreplayable.add(orderId);
                problems.add(new Problem(event.sequence(), orderId, "order " + orderId + ": event "
                        + event.sequence() + " (" + event.type() + ") does not apply: " + e.getMessage()));
            }
        }

        /** The replayed order, or null when it has no events or they did not apply. */
        Order replayed(String orderId) {
            return unreplayable.contains(orderId) ? null : orders.get(orderId);
        }
    }

    /**
     * The orders whose id falls in one partition: their fold, on the partition's own thread, and
     * their stored snapshots. Every event of an order goes to the same partition, in log order.
     */
    private static final class Partition {
        final int index;
        final ExecutorService thread;
        final Fold fold = new Fold();
        final Map<String, Order> stored = new HashMap<>();

        Partition(int index) {
            this.index = index;
            thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
                    .name("ledger-verify-fold-" + (index + 1)).factory());
        }

        void fold(Chunk chunk) {
            for (StoredEvent entry : chunk.events) {
                if (entry.partition() == index) {
                    fold.apply(entry.event());
                }
            }
        }

        /** This partition's replay against its stored snapshots and the ids listed as active. */
        List<Problem> compare(Set<String> listed) {
            List<Problem> found = new ArrayList<>();
            stored.forEach((id, snapshot) -> {
                if (!fold.orders.containsKey(id) && !fold.unreplayable.contains(id)) {
                    found.add(new Problem(0, id, "order " + id + ": a snapshot is stored but the log has no events "
                            + "for it"));
                }
            });
            fold.orders.forEach((id, replayed) -> {
                if (fold.unreplayable.contains(id)) {
                    return;
                }
                Order snapshot = stored.get(id);
                if (snapshot == null) {
                    found.add(new Problem(replayed.lastSequence(), id, "order " + id + ": no snapshot stored, though "
                            + "the log has events for it up to sequence " + replayed.lastSequence()));
                } else {
                    difference(snapshot, replayed).ifPresent(found::add);
                }
                if (replayed.isActive() && !listed.contains(id)) {
                    found.add(new Problem(replayed.lastSequence(), id, "order " + id
                            + ": ACTIVE in replay but missing from the active orders"));
                } else if (!replayed.isActive() && listed.contains(id)) {
                    found.add(new Problem(replayed.lastSequence(), id, "order " + id
                            + ": listed as active but replay leaves it " + replayed.status()));
                }
            });
            return found;
        }
    }

    // ------------------------------------------------------------------------------ comparing

    private static List<Problem> checkHead(LedgerStore.Head head, long lastSequence, String lastHash) {
        if (head.sequence() != lastSequence) {
            return List.of(new Problem(0, null, "the head says sequence " + head.sequence() + " but the log ends at "
                    + (lastSequence == 0 ? "nothing (it is empty)" : "sequence " + lastSequence)));
        }
        if (!head.hash().equals(lastHash)) {
            return List.of(new Problem(head.sequence(), null, "the head's hash " + abbreviate(head.hash())
                    + " differs from the stored hash " + abbreviate(lastHash) + " of event " + lastSequence));
        }
        return List.of();
    }

    /** The fields where the stored snapshot and the replay disagree, as one problem; empty when they are equal. */
    private static Optional<Problem> difference(Order stored, Order replayed) {
        if (stored.equals(replayed)) {
            return Optional.empty();
        }
        JsonNode a = Json.MAPPER.valueToTree(stored);
        JsonNode b = Json.MAPPER.valueToTree(replayed);
        List<String> fields = new ArrayList<>();
        for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Objects.equals(a.get(name), b.get(name))) {
                fields.add(name + " " + abbreviate(String.valueOf(a.get(name))) + " vs "
                        + abbreviate(String.valueOf(b.get(name))));
            }
        }
        return Optional.of(new Problem(replayed.lastSequence(), stored.orderId(), "order " + stored.orderId()
                + ": snapshot differs from replay at sequence " + replayed.lastSequence() + " (stored vs replayed): "
                + (fields.isEmpty() ? "equal as JSON, different as records" : String.join(", ", fields))));
    }

    private static List<Problem> capped(List<Problem> problems) {
        if (problems.size() <= MAX_PROBLEMS) {
            return problems;
        }
        List<Problem> kept = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        kept.add(new Problem(0, null, "… and " + (problems.size() - MAX_PROBLEMS) + " more problems not listed"));
        return kept;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "…";
    }

    // ------------------------------------------------------------------------- quick check

    /**
     * The check a node makes before it starts: the head is the last event of the log and nothing
     * follows it, and every active snapshot equals the replay of that order's own events. Its cost
     * grows with the active orders, not with the log.
     */
    public static List<Problem> quickCheck(LedgerStore store) {
        LedgerStore.Head head = store.head();
        List<Problem> problems = new ArrayList<>();
        long[] last = {0};
        long[] beyond = {0};
        String[] lastHash = {EventChain.GENESIS};
        store.scan(Math.max(head.sequence() - 1, 0), (sequence, hash, canonical) -> {
            if (sequence > head.sequence()) {
                beyond[0] = sequence;
                return false;
            }
            last[0] = sequence;
            lastHash[0] = hash;
            return true;
        });
        if (beyond[0] != 0) {
            problems.add(new Problem(beyond[0], null, "event " + beyond[0] + " is stored after the head, sequence "
                    + head.sequence()));
        }
        problems.addAll(checkHead(head, last[0], lastHash[0]));
        for (Order stored : store.activeOrders()) {
            String id = stored.orderId();
            Fold fold = new Fold();
            List<RecordedEvent> events;
            try {
                events = store.orderEvents(id);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(0, id, "order " + id + ": its events cannot be read: " + e.getMessage()));
                continue;
            }
            for (RecordedEvent event : events) {
                if (event.orderId().equals(id)) {
                    fold.apply(event);
                } else {
                    problems.add(new Problem(event.sequence(), id, "order " + id + ": its index lists event "
                            + event.sequence() + ", which belongs to order " + event.orderId()));
                }
            }
            problems.addAll(fold.problems);
            Order replayed = fold.replayed(id);
            if (events.isEmpty()) {
                problems.add(new Problem(0, id, "order " + id + ": listed as active but the log has no events for it"));
            } else if (replayed != null && !replayed.isActive()) {
                problems.add(new Problem(replayed.lastSequence(), id, "order " + id
                        + ": listed as active but replay leaves it " + replayed.status()));
            } else if (replayed != null) {
                difference(stored, replayed).ifPresent(problems::add);
            }
        }
        return problems;
    }
}
