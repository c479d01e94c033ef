package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The single writer. Decided commands arrive on {@code edge.ledger.append} in decision order; all
 * that arrive while a write is on its way to disk go together into the next one (group commit):
 * one atomic {@link LedgerStore#append} with fsync, on a worker thread, never on this event loop.
 * Once it returns, every command in it is answered and the batch goes to the broadcaster.
 *
 * <p>A failed write fails its commands and every later one: the node stops taking commands
 * ({@code state: failed}, health 503) rather than run ahead of its disk.
 */
final class LedgerWriterVerticle extends VerticleBase {

    /** The failure code of an append the disk refused (the command verticle answers STORAGE_UNAVAILABLE). */
    static final int STORAGE_FAILED = 503;

    private final LedgerStore store;
    private List<Message<Commit>> queued = new ArrayList<>();
    private boolean writing;
    private String failure;
    private long committedSequence;
    private long commits;
    private long commands;
    private long events;
    /** How long each group commit took on disk (write and fsync), in microseconds, since start. */
    private final Histogram writeMicros = new Histogram(60_000_000L, 2);

    LedgerWriterVerticle(LedgerStore store) {
        this.store = store;
    }

    @Override
    public Future<?> start() {
        committedSequence = store.head().sequence();
        return Future.all(
                vertx.eventBus().<Commit>localConsumer(Addresses.LEDGER_APPEND, this::enqueue).completion(),
                vertx.eventBus().consumer(Addresses.NODE_STATUS, message -> message.reply(status())).completion());
    }

    private void enqueue(Message<Commit> message) {
        if (failure != null) {
            message.fail(STORAGE_FAILED, failure);
            return;
        }
        queued.add(message);
        if (!writing) {
            writeQueued();
        }
    }

    private void writeQueued() {
        List<Message<Commit>> batch = queued;
        queued = new ArrayList<>();
        writing = true;
        List<Commit> parts = batch.stream().map(Message::body).toList();
        vertx.executeBlocking(() -> {
            long started = System.nanoTime();
            store.append(Commit.merge(parts));
            return (System.nanoTime() - started) / 1_000;
        }).onComplete(written -> {
            writing = false;
            if (written.succeeded()) {
                writeMicros.recordValue(Math.min(written.result(), writeMicros.getHighestTrackableValue()));
                committed(batch, parts);
                if (!queued.isEmpty()) {
                    writeQueued();
                }
            } else {
                failure = "the ledger could not write to disk: " + written.cause().getMessage();
                System.getLogger(getClass().getName()).log(System.Logger.Level.ERROR, failure, written.cause());
                Stream.concat(batch.stream(), queued.stream())
                        .forEach(m -> m.fail(STORAGE_FAILED, failure));
                queued.clear();
            }
        });
    }

    private void committed(List<Message<Commit>> batch, List<Commit> parts) {
        Commit last = parts.get(parts.size() - 1);
        committedSequence = last.head().sequence();
        commits++;
        commands += parts.size();
        events += parts.stream().mapToLong(p -> p.events().size()).sum();
        vertx.eventBus().publish(Addresses.LEDGER_COMMITTED, new CommittedBatch(parts));
        batch.forEach(m -> m.reply(null));
    }

    private JsonObject status() {
        return new JsonObject()
                .put("role", "primary")
                .put("state", failure == null ? "serving" : "failed")
                .put("server_sequence", committedSequence)
                .put("commits", commits)
                .put("commands", commands)
                .put("events_published", events)
                .put("write_latency_us", new JsonObject()
                        .put("p50", writeMicros.getValueAtPercentile(50))
                        .put("p99", writeMicros.getValueAtPercentile(99))
                        .put("max", writeMicros.getMaxValue()))
                .put("error", failure);
    }
}
