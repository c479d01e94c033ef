package com.redcoral.edge.order.property;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.CommandContext;
import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.Decision;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.OrderBook;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.RecordedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A ledger in miniature, for the property tests: decides each command against its
 * {@link OrderBook}, records the accepted changes with consecutive global sequences from 1 (as
 * the node's ledger does) and folds them into the book — the state kept along the way. The
 * {@link #log()} holds every event ever recorded; {@link #outcomes()} every command with its
 * decision.
 */
final class Till {

    static final long START = 1_737_270_000_000L;

    /** One command as submitted, what was decided, and the events it recorded (none when rejected). */
    record Outcome(CommandType type, OrderCommand command, CommandContext context, Decision decision,
                   List<RecordedEvent> events) {
        boolean accepted() {
            return decision instanceof Decision.Accepted;
        }
    }

    private final OrderBook book = new OrderBook();
    private final List<RecordedEvent> log = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private long ids;

    OrderBook book() {
        return book;
    }

    List<RecordedEvent> log() {
        return Collections.unmodifiableList(log);
    }

    List<Outcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    /**
     * The context the node would build for the next command: its clock, a fresh id, the actors
     * already identified. Building it has no effect on the book.
     */
    CommandContext next(Actor operator, Actor authorizer) {
        int number = outcomes.size() + 1;
        return new CommandContext("cmd-" + number, START + 1_000L * number, operator, authorizer,
                freshId(), TestStore.CATALOG);
    }

    Outcome submit(OrderCommand command, Actor operator, Actor authorizer) {
        return submit(command, next(operator, authorizer));
    }

    /** Decides, and when accepted records the events with the next sequences and folds them in. */
    Outcome submit(OrderCommand command, CommandContext ctx) {
        Decision decision = OrderDecider.decide(book, command, ctx);
        List<RecordedEvent> recorded = new ArrayList<>();
        if (decision instanceof Decision.Accepted accepted) {
            for (Decision.Change change : accepted.changes()) {
                long sequence = log.size() + 1;
                RecordedEvent event = new RecordedEvent("evt-" + sequence, sequence, change.orderId(), ctx.now(),
                        ctx.operator().id(), ctx.operator().name(), ctx.commandId(), EventType.SCHEMA_VERSION,
                        "hash-" + sequence, change.event());
                recorded.add(event);
                log.add(event);
                book.apply(event);
            }
        }
        Outcome outcome = new Outcome(CommandType.of(command), command, ctx, decision, List.copyOf(recorded));
        outcomes.add(outcome);
        return outcome;
    }

    private String freshId() {
        ids++;
        return String.format("00000000-0000-4000-8000-%012d", ids);
    }
}
