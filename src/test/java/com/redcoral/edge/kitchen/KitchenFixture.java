package com.redcoral.edge.kitchen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import com.redcoral.edge.order.CommandContext;
import com.redcoral.edge.order.Decision;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.OrderBook;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.order.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Given/when/then for {@link KitchenProjection}, like the order decider's fixture: orders are rung up
 * through the real {@link OrderDecider}, so the events (instance ids, modification results) are exactly the
 * node's; every committed event is folded into the order book and into the kitchen, with consecutive
 * sequences. {@code when} projects one command's events (or decides a bump or recall) and the {@code then}s
 * compare the changes a cook would see, written as short lines:
 * {@code "CREATED kitchen #2 OPEN Table 1: 2x Burger, 1x Fries [no salt]"}.
 *
 * <p>The clock starts at {@link #START} and moves only by {@link #later}; the recall window is {@link #WINDOW}.
 */
final class KitchenFixture {

    static final long START = 1_767_225_600_000L;
    static final long WINDOW = Duration.ofMinutes(15).toMillis();

    /**
     * Who bumps and recalls in these tests: a kitchen display of the destination, named as the node names a
     * bridge connection in the identity header (and so in {@code bumped_by}).
     */
    static String screenOf(String destinationId) {
        return "grill screen (kitchen of " + destinationId + ", token 8f3a1c0d5e7b9a21)";
    }
    /** Bumped and cancelled tickets kept for the 15-minute window, open ones for 12 hours. */
    static final KitchenPolicy POLICY = new KitchenPolicy(WINDOW, Duration.ofHours(12).toMillis());

    static final Catalog.Product BURGER = new Catalog.Product("burger", "Burger", 1250, true);
    static final Catalog.Product FRIES = new Catalog.Product("fries", "Fries", 400, true);
    static final Catalog.Product COLA = new Catalog.Product("cola", "Cola", 300, true);
    /** Sold without anyone making it: no print destination. */
    static final Catalog.Product GUM = new Catalog.Product("gum", "Chewing gum", 150, true);

    /** Burgers and fries go to the kitchen, cola to the bar, gum nowhere. */
    static final KitchenRouting ROUTING = productId -> Optional.ofNullable(Map.of(
            "burger", "kitchen", "fries", "kitchen", "cola", "bar").get(productId));

    static final Catalog.Table T1 = new Catalog.Table("T1", "Table 1", null);
    static final Catalog.Table T2 = new Catalog.Table("T2", "Table 2", null);
    static final Catalog.Table T3 = new Catalog.Table("T3", "Table 3", null);

    static final Catalog CATALOG = new Catalog.Fixed(
            Map.of(BURGER.id(), BURGER, FRIES.id(), FRIES, COLA.id(), COLA, GUM.id(), GUM),
            Map.of(T1.id(), T1, T2.id(), T2, T3.id(), T3), Map.of());

    static final Actor WAITER = new Actor("emp_01", "Zhang San", EnumSet.allOf(Permission.class));

    private final OrderBook book = new OrderBook();
    private final KitchenState kitchen = KitchenState.startingAt(0, List.of());
    private long now = START;
    private int commands;

    static KitchenFixture kitchen() {
        return new KitchenFixture();
    }

    // ------------------------------------------------------------------------------------ given

    /** A command rung up and committed; the kitchen folds its events in. It must be accepted. */
    KitchenFixture given(OrderCommand command) {
        return given(command, "new-" + (commands + 1));
    }

    KitchenFixture given(OrderCommand command, String newId) {
        fold(decide(command, newId));
        return this;
    }

    KitchenFixture givenOpen(String orderId, Catalog.Table table) {
        return given(new OpenTable(table.id(), null, null, null, null), orderId);
    }

    KitchenFixture givenItems(String orderId, CartItem... items) {
        return given(new AddItems(orderId, List.of(items)));
    }

    KitchenFixture givenBump(String destinationId, long ticket) {
        when(new KitchenCommand.Bump(destinationId, Long.toString(ticket), screenOf(destinationId), now)).thenChanged();
        return this;
    }

    /** The clock moves on. */
    KitchenFixture later(Duration by) {
        now += by.toMillis();
        return this;
    }

    /**
     * A command rung up and committed to the order book only: its events, for a test that hands them to the
     * kitchen itself (a {@link KitchenBoard}).
     */
    List<RecordedEvent> commit(OrderCommand command, String newId) {
        List<RecordedEvent> events = decide(command, newId);
        events.forEach(book::apply);
        return events;
    }

    // ------------------------------------------------------------------------------------- when

    /** A command rung up whose events are under test. */
    WhenOrder when(OrderCommand command) {
        return new WhenOrder(decide(command, "new-" + (commands + 1)));
    }

    WhenDisplay when(KitchenCommand command) {
        return new WhenDisplay(command);
    }

    WhenDisplay whenBump(String destinationId, long ticket) {
        return when(new KitchenCommand.Bump(destinationId, Long.toString(ticket), screenOf(destinationId), now));
    }

    WhenDisplay whenRecall(String destinationId, long ticket) {
        return when(new KitchenCommand.Recall(destinationId, Long.toString(ticket), screenOf(destinationId), now));
    }

    final class WhenOrder {
        private final List<RecordedEvent> events;

        private WhenOrder(List<RecordedEvent> events) {
            this.events = events;
        }

        /** Exactly these changes a cook sees, in order (each {@code "KIND " + summary}); they are then folded in. */
        KitchenFixture thenChanges(String... expected) {
            List<KitchenChange> all = fold(events);
            assertThat(all.stream().filter(TicketChanged.class::isInstance).map(TicketChanged.class::cast)
                    .map(c -> c.change() + " " + summary(c.ticket())).toList()).containsExactly(expected);
            return KitchenFixture.this;
        }

        /** Nothing a cook sees changes (the state may: relabelled units, tables). */
        KitchenFixture thenNothingSeen() {
            return thenChanges();
        }
    }

    final class WhenDisplay {
        private final KitchenCommand command;

        private WhenDisplay(KitchenCommand command) {
            this.command = command;
        }

        KitchenTicket thenChanged() {
            KitchenDecision decision = KitchenProjection.decide(kitchen, command, POLICY);
            if (!(decision instanceof KitchenDecision.Changed changed)) {
                return fail("%s was not a change but %s", command, decision);
            }
            KitchenProjection.evolve(kitchen, changed.change());
            return changed.change().ticket();
        }

        KitchenTicket thenUnchanged() {
            KitchenState before = kitchen.copy();
            KitchenDecision decision = KitchenProjection.decide(kitchen, command, POLICY);
            assertThat(decision).isInstanceOf(KitchenDecision.Unchanged.class);
            assertThat(kitchen).isEqualTo(before);
            return ((KitchenDecision.Unchanged) decision).ticket();
        }

        Rejection thenRejected(ErrorCode code) {
            KitchenDecision decision = KitchenProjection.decide(kitchen, command, POLICY);
            assertThat(decision).isInstanceOf(KitchenDecision.Rejected.class);
            Rejection rejection = ((KitchenDecision.Rejected) decision).rejection();
            assertThat(rejection.code()).as("%s", rejection).isEqualTo(code);
            return rejection;
        }
    }

    // ------------------------------------------------------------------------------------- then

    KitchenTicket ticket(String destinationId, long sequence) {
        return kitchen.ticket(new TicketKey(destinationId, sequence))
                .orElseThrow(() -> new AssertionError("no ticket " + sequence + " of " + destinationId));
    }

    /** What a display of {@code destinationId} lists now, as summaries. */
    List<String> listed(String destinationId) {
        return kitchen.listed(destinationId, now, POLICY).stream().map(KitchenFixture::summary).toList();
    }

    KitchenState state() {
        return kitchen;
    }

    long now() {
        return now;
    }

    /** The instance id of the order's line of {@code product} (the only one). */
    String line(String orderId, Catalog.Product product) {
        List<Line> lines = book.find(orderId).orElseThrow().items().stream()
                .filter(l -> l.productId().equals(product.id())).toList();
        assertThat(lines).as("lines of %s on %s", product.name(), orderId).hasSize(1);
        return lines.getFirst().instanceId();
    }

    /** {@code kitchen #2 OPEN Table 1: 2x Burger [no onion] /well done 'allergy', 1x Fries (1 cancelled)}. */
    static String summary(KitchenTicket t) {
        return t.destinationId() + " #" + t.ticketId() + " " + t.status() + " " + t.tableName() + ": "
                + t.items().stream().map(KitchenFixture::summary).collect(Collectors.joining(", "));
    }

    static String summary(TicketItem i) {
        return i.live() + "x " + i.name() + (i.options().isEmpty() ? "" : " " + i.options())
                + (i.spec() == null ? "" : " /" + i.spec()) + (i.note() == null ? "" : " '" + i.note() + "'")
                + (i.cancelledQuantity() == 0 ? "" : " (" + i.cancelledQuantity() + " cancelled)");
    }

    static CartItem item(Catalog.Product product, int quantity) {
        return new CartItem(product.id(), null, null, quantity, null, null, null, null);
    }

    static CartItem item(Catalog.Product product, int quantity, List<String> options, String spec, String note) {
        return new CartItem(product.id(), null, null, quantity, null, options, spec, note);
    }

    static CartItem discounted(Catalog.Product product, int quantity, int percent) {
        return new CartItem(product.id(), null, null, quantity, Percent.of(percent), null, null, null);
    }

    // --------------------------------------------------------------------------------- internals

    private List<RecordedEvent> decide(OrderCommand command, String newId) {
        String commandId = "cmd-" + ++commands;
        Decision decision = OrderDecider.decide(book, command,
                new CommandContext(commandId, now, WAITER, null, newId, CATALOG));
        if (decision instanceof Decision.Rejected rejected) {
            return fail("%s was rejected: %s", command, rejected.rejection());
        }
        List<RecordedEvent> events = new ArrayList<>();
        long sequence = book.lastSequence();
        for (Decision.Change change : ((Decision.Accepted) decision).changes()) {
            sequence++;
            events.add(new RecordedEvent("evt-" + sequence, sequence, change.orderId(), now, WAITER.id(),
                    WAITER.name(), commandId, EventType.SCHEMA_VERSION, null, change.event()));
        }
        return events;
    }

    /** Commits the events to the book and the kitchen, as the node does; the kitchen's changes, in order. */
    private List<KitchenChange> fold(List<RecordedEvent> events) {
        List<KitchenChange> all = new ArrayList<>();
        for (RecordedEvent event : events) {
            book.apply(event);
            List<KitchenChange> changes = KitchenProjection.project(kitchen, event, ROUTING);
            all.addAll(changes);
            KitchenProjection.evolve(kitchen, changes).checkpointAt(event.sequence());
        }
        return all;
    }
}
