package com.redcoral.edge.ledger;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.CommandContext;
import com.redcoral.edge.order.Decision;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderBook;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.Orders;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.order.Rejection;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.resource.StoreDirectory;
import com.redcoral.edge.wire.CommandEnvelope;
import com.redcoral.edge.wire.CommandResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The runner around the order decider: resolve who acts, decide against the current orders, number
 * and chain the events, and say what must be written. It keeps the active orders in memory,
 * including what it decided but the writer has not yet committed, so commands can be decided while
 * the previous group commit is on its way to disk; closed orders are read back from the store.
 *
 * <p>Single-threaded: one owner calls {@link #decide} and {@link #committed} in order. It never
 * writes; the writer appends the {@link Commit}s it returns, in the order returned.
 */
public final class Ledger {

    private final LedgerStore store;
    private final StoreDirectory directory;
    private final Supplier<String> ids;
    private final OrderBook book = new OrderBook();
    private final Orders orders = new Orders() {
        @Override
        public Optional<Order> find(String orderId) {
            return book.find(orderId).or(() -> store.snapshot(orderId));
        }

        @Override
        public Optional<Order> activeAtTable(String tableId) {
            return book.activeAtTable(tableId);
        }
    };
    private LedgerStore.Head head;

    /** What became of a command: written (once committed), or already answered before. */
    public sealed interface Outcome {
        /** A new decision: append {@code commit}, then answer {@code response}. */
        record Decided(CommandResponse response, Commit commit) implements Outcome {}

        /** The command id was committed before; this is its first response. */
        record Answered(CommandResponse response) implements Outcome {}
    }

    public Ledger(LedgerStore store, StoreDirectory directory, Supplier<String> ids) {
        this.store = store;
        this.directory = directory;
        this.ids = ids;
        this.head = store.head();
        store.activeOrders().forEach(book::load);
    }

    /** The head including decided but not yet committed events. */
    public LedgerStore.Head head() {
        return head;
    }

    /**
     * Checks the PIN of the command's approver, if it names one (empty when it does not), with guesses
     * throttled. Slow by design (a key-derivation function) and independent of the ledger's state, so
     * callers run it on another thread before {@link #decide}.
     */
    public Optional<PinGuard.Result> approver(CommandEnvelope command) {
        return command.authorizerId() == null ? Optional.empty()
                : Optional.of(directory.verifyPin(command.authorizerId(), command.authorizerPin()));
    }

    /**
     * Decides one command at time {@code now}, with its approver as {@link #approver} found it. The
     * caller checks commands still in flight for the same id first: only committed responses are
     * found here.
     */
    public Outcome decide(CommandEnvelope command, long now, Optional<PinGuard.Result> approver) {
        Optional<CommandResponse> earlier = store.response(command.commandId());
        if (earlier.isPresent()) {
            return new Outcome.Answered(earlier.get().asDuplicate());
        }
        Optional<Actor> operator = directory.employee(command.operatorId());
        Decision decision = operator.isEmpty()
                ? new Decision.Rejected(new Rejection(ErrorCode.UNKNOWN_OPERATOR,
                        "operator_id " + command.operatorId() + " is not an active employee"))
                : decide(command, now, operator.get(), approver);
        return switch (decision) {
            case Decision.Rejected r -> decided(CommandResponse.rejected(command.commandId(), r.rejection()),
                    List.of(), List.of());
            case Decision.Accepted a -> record(command, operator.orElseThrow(), now, a);
        };
    }

    /** The writer committed everything up to and including {@code commit}: closed orders leave memory. */
    public void committed(Commit commit) {
        for (Order snapshot : commit.snapshots()) {
            book.find(snapshot.orderId())
                    .filter(o -> !o.isActive() && o.lastSequence() <= commit.head().sequence())
                    .ifPresent(o -> book.forget(o.orderId()));
        }
    }

    private Outcome record(CommandEnvelope command, Actor operator, long now, Decision.Accepted accepted) {
        List<Commit.Entry> entries = new ArrayList<>(accepted.changes().size());
        Set<String> touched = new LinkedHashSet<>();
        for (Decision.Change change : accepted.changes()) {
            RecordedEvent unchained = new RecordedEvent(ids.get(), head.sequence() + 1, change.orderId(), now,
                    operator.id(), operator.name(), command.commandId(), EventType.SCHEMA_VERSION, null,
                    change.event());
            byte[] canonical = EventChain.canonical(unchained);
            String hash = EventChain.hash(head.hash(), canonical);
            RecordedEvent event = EventChain.withHash(unchained, hash);
            book.apply(event);
            entries.add(new Commit.Entry(event, canonical));
            touched.add(change.orderId());
            head = new LedgerStore.Head(event.sequence(), hash);
        }
        List<Order> snapshots = touched.stream().map(id -> book.find(id).orElseThrow()).toList();
        return decided(CommandResponse.accepted(command.commandId(), accepted.orderId()), entries, snapshots);
    }

    private Outcome decided(CommandResponse response, List<Commit.Entry> entries, List<Order> snapshots) {
        return new Outcome.Decided(response, new Commit(entries, snapshots, List.of(response), head));
    }

    /** Decides with the approver, the clock, a fresh id and the catalog as they stand. */
    private Decision decide(CommandEnvelope command, long now, Actor operator, Optional<PinGuard.Result> approver) {
        Actor authorizer = null;
        if (approver.isPresent()) {
            switch (approver.get()) {
                case PinGuard.Result.Verified verified -> authorizer = verified.actor();
                case PinGuard.Result.Refused refused -> {
                    return new Decision.Rejected(new Rejection(ErrorCode.AUTHORIZATION_FAILED, "authorizer "
                            + command.authorizerId() + " is not an active employee with that PIN"));
                }
                case PinGuard.Result.Throttled throttled -> {
                    return new Decision.Rejected(new Rejection(ErrorCode.AUTHORIZATION_THROTTLED,
                            throttled.message(command.authorizerId())));
                }
            }
        }
        return OrderDecider.decide(orders, command.payload(), new CommandContext(command.commandId(), now, operator,
                authorizer, ids.get(), directory.catalog()));
    }
}
