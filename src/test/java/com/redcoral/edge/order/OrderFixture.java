package com.redcoral.edge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Catalog.Table;
import com.redcoral.edge.order.Catalog.Zone;
import com.redcoral.edge.order.Decision.Accepted;
import com.redcoral.edge.order.Decision.Change;
import com.redcoral.edge.order.Decision.Rejected;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.SplitItem;
import com.redcoral.edge.order.OrderEvent.Action;
import com.redcoral.edge.order.OrderEvent.AddedItem;
import com.redcoral.edge.order.OrderEvent.ItemResult;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given/when/then for {@link OrderDecider}, in the manner of the EventStoreDB and Axon fixtures.
 *
 * <p>The prior state is a log: events written directly ({@link #given(String, OrderEvent...)}) or
 * produced by running commands through the decider as the manager ({@link #givenCommand}). Either
 * way they are folded into an {@link OrderBook} with consecutive sequences, as the ledger would.
 * {@link #when} decides one command against that book; {@code thenEvents} compares the exact
 * payloads and folds them in too, so a scenario can go on; {@code thenRejected} checks the code and
 * that the book is as it was.
 *
 * <p>Everything from outside is fixed: the clock ({@link #NOW}), the catalog, the actors. Fresh
 * ids are the test's: {@code withNewId("p1")}, or {@code new-N} when the test does not care.
 */
final class OrderFixture {

    static final long NOW = 1_737_270_000_000L;

    static final Product COLA = new Product("cola", "Cola", 300, true);
    static final Product BURGER = new Product("burger", "Burger", 1250, true);
    static final Product FRIES = new Product("fries", "Fries", 99, true);
    static final Product OYSTER = new Product("oyster", "Oyster", 800, false);

    static final Zone HALL = new Zone("hall", "Hall", Percent.of(10));
    static final Zone TERRACE = new Zone("terrace", "Terrace", Percent.parse("12.5"));

    static final Table T1 = new Table("t1", "Table 1", "hall");
    static final Table T2 = new Table("t2", "Table 2", "hall");
    static final Table T3 = new Table("t3", "Terrace 3", "terrace");

    static final Catalog.Fixed CATALOG = new Catalog.Fixed(
            Map.of(COLA.id(), COLA, BURGER.id(), BURGER, FRIES.id(), FRIES, OYSTER.id(), OYSTER),
            Map.of(T1.id(), T1, T2.id(), T2, T3.id(), T3),
            Map.of(HALL.id(), HALL, TERRACE.id(), TERRACE));

    /** May ring up, take payments and move orders; every sensitive operation needs an approval. */
    static final Actor CASHIER = new Actor("emp_01", "Zhang San", Set.of());
    /** Holds every order.* permission. */
    static final Actor MANAGER = new Actor("mgr_01", "Li", EnumSet.of(Permission.ORDER_DISCOUNT,
            Permission.ORDER_PRICE_OVERRIDE, Permission.ORDER_REMOVE_ITEM, Permission.ORDER_CANCEL_PAYMENT,
            Permission.ORDER_VOID, Permission.ORDER_SURCHARGE_EXEMPT));
    /** May give discounts and remove items, nothing else. */
    static final Actor SUPERVISOR = new Actor("sup_01", "Chen",
            Set.of(Permission.ORDER_DISCOUNT, Permission.ORDER_REMOVE_ITEM));

    private final OrderBook book = new OrderBook();
    private int commands;
    private int ids;
    private Accepted lastAccepted;
    private String lastCommandId;

    private OrderFixture() {}

    static OrderFixture orders() {
        return new OrderFixture();
    }

    // ------------------------------------------------------------------------------------ given

    /** Appends committed events to the log of {@code orderId}, with the next sequences. */
    OrderFixture given(String orderId, OrderEvent... events) {
        String commandId = nextCommandId();
        for (OrderEvent event : events) {
            commit(orderId, event, MANAGER, commandId);
        }
        return this;
    }

    /** Runs a command through the decider as the manager and commits its events; it must be accepted. */
    OrderFixture givenCommand(String newId, OrderCommand command) {
        Decision decision = decide(command, MANAGER, null, newId);
        if (decision instanceof Rejected rejected) {
            fail("the given command %s was rejected: %s", command, rejected.rejection());
        }
        commitAll((Accepted) decision, MANAGER);
        return this;
    }

    OrderFixture givenCommand(OrderCommand command) {
        return givenCommand(nextId(), command);
    }

    OrderFixture givenOpen(String orderId, Table table) {
        return givenCommand(orderId, new OpenTable(table.id(), null, null, null, null));
    }

    /** A counter (take-away) order, in no zone unless one is named. */
    OrderFixture givenCounterOrder(String orderId, String zoneId) {
        return givenCommand(orderId, new OpenTable(null, "Counter " + orderId, zoneId, null, null));
    }

    OrderFixture givenItems(String orderId, Product product, int quantity) {
        return givenCommand(new AddItems(orderId, cart(item(product, quantity))));
    }

    OrderFixture givenPayment(String orderId, String paymentId, long amount) {
        return givenCommand(paymentId, new AddPayment(orderId, "card", amount, null, null));
    }

    // ------------------------------------------------------------------------------------- when

    /** The command under test, issued by the manager unless {@link When#by} says otherwise. */
    When when(OrderCommand command) {
        return new When(command);
    }

    final class When {
        private final OrderCommand command;
        private Actor operator = MANAGER;
        private Actor authorizer;
        private String newId;

        private When(OrderCommand command) {
            this.command = command;
        }

        When by(Actor issuer) {
            this.operator = issuer;
            return this;
        }

        /** The employee who approved with their PIN (already verified by the node). */
        When approvedBy(Actor approver) {
            this.authorizer = approver;
            return this;
        }

        /** The fresh id the node hands the decider: the new order's or the new payment's. */
        When withNewId(String id) {
            this.newId = id;
            return this;
        }

        /** The command is accepted with exactly these payloads, in order; they are then committed. */
        OrderFixture thenEvents(OrderEvent... expected) {
            Accepted accepted = accepted();
            assertThat(accepted.changes()).extracting(Change::event).containsExactly(expected);
            commitAll(accepted, operator);
            return OrderFixture.this;
        }

        /** Like {@link #thenEvents}, also naming the order each event belongs to. */
        OrderFixture thenChanges(Change... expected) {
            Accepted accepted = accepted();
            assertThat(accepted.changes()).containsExactly(expected);
            commitAll(accepted, operator);
            return OrderFixture.this;
        }

        /** The command is refused with {@code code}, and nothing in the order book changed. */
        Rejection thenRejected(ErrorCode code) {
            List<Order> before = List.copyOf(book.all());
            long sequenceBefore = book.lastSequence();
            Decision decision = decide();
            assertThat(decision).as("decision on %s", command).isInstanceOf(Rejected.class);
            Rejection rejection = ((Rejected) decision).rejection();
            assertThat(rejection.code()).as("rejection %s", rejection).isEqualTo(code);
            assertThat(book.all()).containsExactlyElementsOf(before);
            assertThat(book.lastSequence()).isEqualTo(sequenceBefore);
            return rejection;
        }

        private Accepted accepted() {
            Decision decision = decide();
            if (decision instanceof Rejected rejected) {
                fail("%s was rejected: %s", command, rejected.rejection());
            }
            return (Accepted) decision;
        }

        private Decision decide() {
            return OrderFixture.this.decide(command, operator, authorizer, newId != null ? newId : nextId());
        }
    }

    // ------------------------------------------------------------------------------------- then

    Order order(String orderId) {
        return book.find(orderId).orElseThrow(() -> new AssertionError("no order " + orderId));
    }

    OrderBook book() {
        return book;
    }

    /** The last accepted decision of a {@code when}: its {@code orderId} is what the response reports. */
    Accepted lastAccepted() {
        return lastAccepted;
    }

    // ---------------------------------------------------------------------------------- helpers

    static List<CartItem> cart(CartItem... items) {
        return List.of(items);
    }

    static List<SplitItem> units(SplitItem... units) {
        return List.of(units);
    }

    static List<String> options(String... options) {
        return List.of(options);
    }

    static CartItem item(Product product, int quantity) {
        return new CartItem(product.id(), null, null, quantity, null, null, null, null);
    }

    /** A line of the product at its catalog price, without discount or attributes. */
    static Line line(Product product, int quantity) {
        return line(product, product.price(), quantity, 0);
    }

    static Line line(Product product, int quantity, int discountPercent) {
        return line(product, product.price(), quantity, discountPercent);
    }

    static Line line(Product product, long price, int quantity, int discountPercent) {
        return Line.of(product.id(), product.name(), price, quantity, Percent.of(discountPercent), List.of(),
                null, null);
    }

    /** The ITEMS_ADDED entry for {@code line}, when the catalog price is the product's. */
    static AddedItem added(Line line) {
        long catalogPrice = CATALOG.product(line.productId()).orElseThrow().price();
        return new AddedItem(line.instanceId(), line.productId(), line.name(), line.price(), catalogPrice,
                line.quantity(), line.discountPercent(), line.options(), line.spec(), line.note());
    }

    static ItemResult result(Line line, Action action) {
        return new ItemResult(line.instanceId(), line.productId(), line.name(), line.quantity(), line.price(),
                line.discountPercent(), line.options(), line.spec(), line.note(), action);
    }

    static Payment standingPayment(String paymentId, String method, long amount) {
        return new Payment(paymentId, method, amount, null, null, null, List.of(), false, null);
    }

    // --------------------------------------------------------------------------------- internals

    private Decision decide(OrderCommand command, Actor operator, Actor authorizer, String newId) {
        lastCommandId = nextCommandId();
        CommandContext ctx = new CommandContext(lastCommandId, NOW, operator, authorizer, newId, CATALOG);
        return OrderDecider.decide(book, command, ctx);
    }

    private void commitAll(Accepted accepted, Actor operator) {
        lastAccepted = accepted;
        accepted.changes().forEach(change -> commit(change.orderId(), change.event(), operator, lastCommandId));
    }

    private void commit(String orderId, OrderEvent event, Actor operator, String commandId) {
        long sequence = book.lastSequence() + 1;
        book.apply(new RecordedEvent("evt-" + sequence, sequence, orderId, NOW, operator.id(), operator.name(),
                commandId, EventType.SCHEMA_VERSION, null, event));
    }

    private String nextCommandId() {
        return "cmd-" + ++commands;
    }

    private String nextId() {
        return "new-" + ++ids;
    }
}
