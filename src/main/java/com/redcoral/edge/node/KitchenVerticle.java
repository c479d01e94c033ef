package com.redcoral.edge.node;

import com.redcoral.edge.kitchen.KitchenBoard;
import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.kitchen.KitchenCommand;
import com.redcoral.edge.kitchen.KitchenDecision;
import com.redcoral.edge.kitchen.KitchenPolicy;
import com.redcoral.edge.kitchen.KitchenRouting;
import com.redcoral.edge.kitchen.KitchenStore;
import com.redcoral.edge.kitchen.KitchenTicket;
import com.redcoral.edge.kitchen.OrderTable;
import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.resource.ResourceBook;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kitchen tickets on the bus (docs/kitchen.md): folds every committed order event into the
 * {@link KitchenBoard}, publishes each ticket change on {@code pos.kitchen.<destination_id>}, and answers
 * {@code pos.kds.tickets}, {@code pos.kds.bump} and {@code pos.kds.recall}.
 *
 * <p>Like the broadcaster it learns of events only from the writer, after they are durable. The board
 * writes its checkpoint with every change, so on start it catches up from there by reading the log, and
 * when a batch does not follow its checkpoint (a write of its own failed) it reads the events between first:
 * no committed event is ever missed. A worker verticle: its writes are synced, on its one thread, in order.
 */
final class KitchenVerticle extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(KitchenVerticle.class.getName());
    /** Events read from the log per write while catching up. */
    private static final int CATCH_UP_PAGE = 1_000;
    private static final long RETRY_MS = 1_000;
    /** How long committed batches are gathered before the kitchen folds them in. */
    private static final long GATHER_MS = 20;

    private final LedgerStore ledger;
    private final KitchenStore store;
    private final ResourceBook resources;
    private final KitchenPolicy policy;
    private final Clock clock;
    private final List<RecordedEvent> arrived = new ArrayList<>();
    private KitchenBoard board;
    private boolean draining;
    private boolean retrying;

    KitchenVerticle(LedgerStore ledger, KitchenStore store, ResourceBook resources, KitchenPolicy policy, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.resources = resources;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Listens first, then catches up: a batch committed meanwhile is handled after this start, on this
     * verticle's one thread, and what it shares with the catch-up is skipped.
     */
    @Override
    public Future<?> start() {
        board = new KitchenBoard(store, KitchenRouting.of(resources::state), policy);
        var bus = vertx.eventBus();
        List<Future<?>> listening = List.of(
                bus.<CommittedBatch>localConsumer(Addresses.LEDGER_COMMITTED, m -> arrived(m.body())).completion(),
                bus.<Object>consumer(Addresses.KDS_TICKETS, this::tickets).completion(),
                bus.<Object>consumer(Addresses.KDS_BUMP, m -> decide(m, KitchenCommand.Bump::new)).completion(),
                bus.<Object>consumer(Addresses.KDS_RECALL, m -> decide(m, KitchenCommand.Recall::new)).completion());
        long head = ledger.head().sequence();
        if (board.isNew()) {
            board.begin(head, ledger.activeOrders().stream()
                    .map(o -> new OrderTable(o.orderId(), o.tableId(), o.tableName())).toList());
            if (head > 0) {
                LOG.log(System.Logger.Level.INFO, "The kitchen starts at sequence " + head + ": it makes tickets "
                        + "for what is rung up from now on, not for the orders' earlier rounds");
            }
        } else {
            catchUp(head);
        }
        return Future.all(listening);
    }

    /**
     * Batches are collected for {@value #GATHER_MS} ms and folded in with one write: a cook does not notice
     * the wait, and under a till rush the kitchen's synced writes stay few (at most one per gathering) instead
     * of doubling the fsyncs the writer's group commits share the disk with.
     */
    private void arrived(CommittedBatch batch) {
        for (Commit commit : batch.commits()) {
            commit.events().forEach(entry -> arrived.add(entry.event()));
        }
        if (!draining) {
            draining = true;
            vertx.setTimer(GATHER_MS, id -> drain());
        }
    }

    private void drain() {
        draining = false;
        List<RecordedEvent> events = List.copyOf(arrived);
        arrived.clear();
        if (events.isEmpty() || retrying) {
            return; // a retry reads them from the log
        }
        try {
            long first = events.getFirst().sequence();
            if (first > board.checkpoint() + 1) {
                catchUp(first - 1);
            }
            publish(board.apply(events, clock.millis()));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Folds in the log from the checkpoint up to {@code upTo}, a page per write. */
    private void catchUp(long upTo) {
        while (board.checkpoint() < upTo) {
            long from = board.checkpoint();
            List<RecordedEvent> events = ledger.events(from, Math.min(upTo, from + CATCH_UP_PAGE));
            if (events.isEmpty()) {
                throw new IllegalStateException("the log holds no events after " + from + " up to " + upTo);
            }
            publish(board.apply(events, clock.millis()));
        }
    }

    /** A failed write (or read): the board is as before it; the log is read again in a moment. */
    private void failed(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "The kitchen could not record events after sequence " + board.checkpoint()
                + "; it reads them from the log again in " + RETRY_MS + " ms", e);
        retrying = true;
        vertx.setTimer(RETRY_MS, id -> {
            retrying = false;
            try {
                catchUp(ledger.head().sequence());
            } catch (RuntimeException again) {
                failed(again);
            }
        });
    }

    private void publish(List<TicketChanged> changes) {
        for (TicketChanged change : changes) {
            KitchenTicket ticket = change.ticket();
            vertx.eventBus().publish(Addresses.kitchen(ticket.destinationId()), new JsonObject()
                    .put("destination_id", ticket.destinationId()).put("change", change.change().name())
                    .put("ticket", WireJson.of(ticket)));
        }
    }

    /** {@code {destination_id}} → the tickets a display of it shows: open, and done within the recall window. */
    private void tickets(Message<Object> message) {
        Request request = Request.of(message);
        String destination;
        Optional<String> name;
        try {
            destination = request.text("destination_id");
            name = KitchenRouting.nameOf(resources.state(), destination);
            if (name.isEmpty() && !board.state().holdsTicketsOf(destination)) {
                throw new IllegalArgumentException("destination_id: there is no print destination " + destination);
            }
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        JsonArray tickets = new JsonArray();
        board.listed(destination, clock.millis()).forEach(t -> tickets.add(WireJson.of(t)));
        message.reply(new JsonObject().put("success", true).put("destination_id", destination)
                .put("destination_name", name.orElse(null))
                .put("recall_window_ms", policy.recallWindowMs()).put("tickets", tickets));
    }

    /** A bump or recall: written and published before it is answered. */
    private void decide(Message<Object> message, Asking command) {
        Request request = Request.of(message);
        KitchenCommand asked;
        try {
            asked = command.ask(request.text("destination_id"), request.text("ticket_id"),
                    CredentialVerticle.caller(request), clock.millis());
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        KitchenDecision decision;
        try {
            decision = board.decide(asked);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "a kitchen change could not be stored", e);
            message.reply(WireJson.error("STORAGE_UNAVAILABLE", "the change could not be stored: " + e.getMessage()));
            return;
        }
        switch (decision) {
            case KitchenDecision.Changed changed -> {
                publish(List.of(changed.change()));
                message.reply(answer(changed.change().ticket(), changed.change().change().name()));
            }
            case KitchenDecision.Unchanged unchanged -> message.reply(answer(unchanged.ticket(), null));
            case KitchenDecision.Rejected rejected -> message.reply(WireJson.error(rejected.rejection().code().name(),
                    rejected.rejection().message()));
        }
    }

    private static JsonObject answer(KitchenTicket ticket, String change) {
        return new JsonObject().put("success", true).put("destination_id", ticket.destinationId())
                .put("change", change).put("ticket", WireJson.of(ticket));
    }

    /** How a request becomes a command: {@code Bump::new}, {@code Recall::new}. */
    @FunctionalInterface
    private interface Asking {
        KitchenCommand ask(String destinationId, String ticketId, String by, long at);
    }
}
