package com.redcoral.edge.ledger;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog;
import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Catalog.Table;
import com.redcoral.edge.order.Catalog.Zone;
import com.redcoral.edge.order.CommandContext;
import com.redcoral.edge.order.Decision;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderBook;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CancelPayment;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.CompleteOrder;
import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.MergeOrders;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.SetSurchargeExempt;
import com.redcoral.edge.order.OrderCommand.SplitOrder;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.Payment;
import com.redcoral.edge.order.Percent;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes real {@link Commit}s the way the ledger's writer does: commands are decided by
 * {@link OrderDecider#decide} against an {@link OrderBook}, accepted events get the next sequences
 * and are chained with {@link EventChain}, rejected commands leave only their response. The book
 * is the expected state of the store after every commit handed out so far.
 *
 * <p>{@link #commit} runs the commands a test names; {@link #randomCommit} makes a plausible group
 * commit of a busy restaurant (tables and counter orders opened, items added, discounted, removed,
 * payments taken and cancelled, splits, moves, merges, completions, voids and some refusals), fully
 * determined by the seed. Not thread-safe.
 */
public final class LedgerFixture {

    public static final long START = 1_737_270_000_000L;

    public static final List<Product> PRODUCTS = List.of(new Product("cola", "Cola", 300, true),
            new Product("burger", "Burger", 1250, true), new Product("fries", "Fries", 455, true),
            new Product("tea", "Green tea", 199, true), new Product("noodles", "Beef noodles", 1680, true));
    public static final List<Table> TABLES = List.of(new Table("t1", "Table 1", "hall"),
            new Table("t2", "Table 2", "hall"), new Table("t3", "Terrace 3", "terrace"),
            new Table("t4", "Terrace 4", "terrace"), new Table("w1", "Window", null));
    public static final Catalog.Fixed CATALOG = new Catalog.Fixed(
            PRODUCTS.stream().collect(Collectors.toMap(Product::id, Function.identity())),
            TABLES.stream().collect(Collectors.toMap(Table::id, Function.identity())),
            Map.of("hall", new Zone("hall", "Hall", Percent.of(10)),
                    "terrace", new Zone("terrace", "Terrace", Percent.parse("12.5"))));
    public static final Actor MANAGER = new Actor("mgr_01", "Li", EnumSet.allOf(Permission.class));
    public static final Actor WAITER = new Actor("emp_02", "Wang Wu",
            EnumSet.of(Permission.ORDER_DISCOUNT, Permission.ORDER_REMOVE_ITEM));

    private final OrderBook book = new OrderBook();
    private final Random random;
    private final List<String> active = new ArrayList<>();
    private LedgerStore.Head head = LedgerStore.Head.EMPTY;
    private String lastOrderId;
    private long clock = START;
    private long receipts;

    public LedgerFixture(long seed) {
        random = new Random(seed);
    }

    public LedgerFixture() {
        this(42);
    }

    /** The head after every commit handed out so far. */
    public LedgerStore.Head head() {
        return head;
    }

    /** Every order as the commits handed out so far leave it. */
    public OrderBook book() {
        return book;
    }

    /** The order the last accepted command concerned (the new one for OPEN_TABLE). */
    public String lastOrderId() {
        return lastOrderId;
    }

    /** Decides the commands in order, each seeing the ones before, as one group commit by the manager. */
    public Commit commit(OrderCommand... commands) {
        return commit(MANAGER, List.of(commands));
    }

    public Commit commit(Actor operator, List<OrderCommand> commands) {
        List<Commit.Entry> entries = new ArrayList<>();
        Map<String, Order> touched = new LinkedHashMap<>();
        List<CommandResponse> responses = new ArrayList<>();
        for (OrderCommand command : commands) {
            clock += 1 + random.nextInt(5_000);
            CommandContext ctx = new CommandContext(uuid(), clock, operator, null, uuid(), CATALOG);
            Decision decision = OrderDecider.decide(book, command, ctx);
            if (decision instanceof Decision.Accepted accepted) {
                for (Decision.Change change : accepted.changes()) {
                    RecordedEvent event = new RecordedEvent(uuid(), head.sequence() + 1, change.orderId(), ctx.now(),
                            operator.id(), operator.name(), ctx.commandId(), EventType.SCHEMA_VERSION, null,
                            change.event());
                    byte[] canonical = EventChain.canonical(event);
                    event = EventChain.withHash(event, EventChain.hash(head.hash(), canonical));
                    head = new LedgerStore.Head(event.sequence(), event.hash());
                    entries.add(new Commit.Entry(event, canonical));
                    Order after = book.apply(event);
                    touched.put(after.orderId(), after);
                    active.remove(after.orderId());
                    if (after.isActive()) {
                        active.add(after.orderId());
                    }
                }
                lastOrderId = accepted.orderId();
                responses.add(CommandResponse.accepted(ctx.commandId(), accepted.orderId()));
            } else {
                responses.add(CommandResponse.rejected(ctx.commandId(), ((Decision.Rejected) decision).rejection()));
            }
        }
        return new Commit(entries, List.copyOf(touched.values()), responses, head);
    }

    /** A group commit of {@code commands} (at least one) plausible commands, by the manager or a waiter. */
    public Commit randomCommit(int commands) {
        // Each command is chosen from the book as the previous one left it, so they are decided
        // singly here and merged into one group commit.
        Commit commit = null;
        for (int i = 0; i < commands; i++) {
            Commit one = commit(random.nextInt(4) == 0 ? WAITER : MANAGER, List.of(randomCommand()));
            commit = commit == null ? one : merge(commit, one);
        }
        return commit;
    }

    /** Commits of 1 to 8 commands until the log holds at least {@code events} events. */
    public void trade(long events, Consumer<Commit> sink) {
        while (head.sequence() < events) {
            sink.accept(randomCommit(1 + random.nextInt(8)));
        }
    }

    // ------------------------------------------------------------------------- commands

    public static OrderCommand openCounter() {
        return new OpenTable(null, "Counter", null, null, null);
    }

    public static OrderCommand openTable(String tableId) {
        return new OpenTable(tableId, null, null, 2, null);
    }

    public static OrderCommand addItems(String orderId, String productId, int quantity) {
        return new AddItems(orderId, List.of(new CartItem(productId, null, null, quantity, null, null, null, null)));
    }

    public static OrderCommand pay(String orderId, long amount) {
        return new AddPayment(orderId, "cash", amount, null, null);
    }

    public static OrderCommand complete(String orderId, String receipt) {
        return new CompleteOrder(orderId, receipt);
    }

    private OrderCommand randomCommand() {
        if (active.size() < 6 || random.nextInt(12) == 0) {
            List<Table> free = TABLES.stream().filter(t -> book.activeAtTable(t.id()).isEmpty()).toList();
            return free.isEmpty() || random.nextBoolean() ? openCounter()
                    : openTable(free.get(random.nextInt(free.size())).id());
        }
        Order order = book.find(active.get(random.nextInt(active.size()))).orElseThrow();
        String id = order.orderId();
        List<Line> lines = order.items();
        Line line = lines.isEmpty() ? null : lines.get(random.nextInt(lines.size()));
        List<Payment> standing = order.payments().stream().filter(p -> !p.cancelled()).toList();
        int roll = random.nextInt(100);
        if (roll < 30 || line == null) {
            Product product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
            return addItems(id, product.id(), 1 + random.nextInt(3));
        } else if (roll < 38) {
            return new ModifyItem(id, line.instanceId(), 1, new ItemChanges(null,
                    Percent.of(5L * random.nextInt(11)), null, null, random.nextBoolean() ? null : "no ice"));
        } else if (roll < 43) {
            return new RemoveItem(id, line.instanceId(), 1, "changed mind");
        } else if (roll < 53 && order.remaining() > 1) {
            return pay(id, 1 + random.nextInt((int) Math.min(order.remaining() - 1, 5_000)));
        } else if (roll < 56 && order.remaining() > 1) {
            return new SplitOrder(id, order.remaining() / 2, "card", List.of());
        } else if (roll < 59 && !standing.isEmpty()) {
            return new CancelPayment(id, standing.get(0).paymentId(), "wrong card");
        } else if (roll < 64) {
            return new UpdateOrderInfo(id, 1 + random.nextInt(8), "birthday", null);
        } else if (roll < 66) {
            return new SetSurchargeExempt(id, !order.surchargeExempt());
        } else if (roll < 69) {
            Table table = TABLES.get(random.nextInt(TABLES.size()));
            return new MoveOrder(id, table.id(), null);
        } else if (roll < 71) {
            String other = active.get(random.nextInt(active.size()));
            return new MergeOrders(other, id);
        } else if (roll < 74) {
            return new VoidOrder(id, "guest left");
        } else if (roll < 79) {
            return complete("no-such-order", "R-0"); // refused: ORDER_NOT_FOUND, a response-only commit
        } else if (order.remaining() > 0) {
            return pay(id, order.remaining());
        }
        return complete(id, "R-" + ++receipts);
    }

    private static Commit merge(Commit a, Commit b) {
        List<Commit.Entry> events = new ArrayList<>(a.events());
        events.addAll(b.events());
        Map<String, Order> snapshots = new LinkedHashMap<>();
        a.snapshots().forEach(o -> snapshots.put(o.orderId(), o));
        b.snapshots().forEach(o -> snapshots.put(o.orderId(), o));
        List<CommandResponse> responses = new ArrayList<>(a.responses());
        responses.addAll(b.responses());
        return new Commit(events, List.copyOf(snapshots.values()), responses, b.head());
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
