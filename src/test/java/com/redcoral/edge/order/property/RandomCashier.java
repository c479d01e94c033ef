package com.redcoral.edge.order.property;

import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Catalog.Table;
import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.Money;
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
import com.redcoral.edge.order.OrderCommand.SplitItem;
import com.redcoral.edge.order.OrderCommand.SplitOrder;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.Payment;
import com.redcoral.edge.order.Percent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Turns an {@link Intent} — a command type and a seed — into a concrete command against the
 * orders as they stand, the way a busy cashier would: mostly on orders, lines and payments that
 * exist and with amounts that fit, sometimes on a missing or closed order, a line that is not
 * there, an amount one cent off, or without the permission and the approval it needs. Because the
 * choice is made against the current state, any sequence of intents is a plausible shift, and a
 * shrunk sequence still is.
 */
final class RandomCashier {

    /** What the cashier means to do next; the details are drawn from {@code seed} against the state. */
    record Intent(CommandType type, long seed) {}

    /** A command ready for the till, with who issues it and who (if anyone) approves it. */
    record Planned(OrderCommand command, Actor operator, Actor authorizer) {}

    /** How often each command type is meant, so that every type has orders to act on. */
    static final Map<CommandType, Integer> WEIGHTS = weights();

    static final String MISSING_ORDER = "ord-missing";
    static final String MISSING_TABLE = "t-missing";
    static final String MISSING_LINE = "ffffffffffffffff";
    static final String MISSING_PAYMENT = "pay-missing";

    private static final List<String> OPTIONS = List.of("no ice", "extra shot", "oat milk");
    private static final List<Percent> DISCOUNTS = List.of(Percent.ZERO, Percent.of(10), Percent.parse("12.5"),
            Percent.parse("33.33"), Percent.of(50), Percent.of(100));

    private final Random random;
    private final OrderBook book;

    private RandomCashier(long seed, OrderBook book) {
        this.random = new Random(seed);
        this.book = book;
    }

    static Planned plan(Intent intent, OrderBook book) {
        return new RandomCashier(intent.seed(), book).plan(intent.type());
    }

    /** Intents drawn with {@link #WEIGHTS} from a plain Random: for deterministic example runs. */
    static List<Intent> intents(Random random, int count) {
        int total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
        List<Intent> intents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(total);
            for (Map.Entry<CommandType, Integer> weight : WEIGHTS.entrySet()) {
                pick -= weight.getValue();
                if (pick < 0) {
                    intents.add(new Intent(weight.getKey(), random.nextLong()));
                    break;
                }
            }
        }
        return intents;
    }

    private static Map<CommandType, Integer> weights() {
        Map<CommandType, Integer> w = new EnumMap<>(CommandType.class);
        w.put(CommandType.OPEN_TABLE, 10);
        w.put(CommandType.ADD_ITEMS, 16);
        w.put(CommandType.MODIFY_ITEM, 12);
        w.put(CommandType.REMOVE_ITEM, 6);
        w.put(CommandType.ADD_PAYMENT, 10);
        w.put(CommandType.CANCEL_PAYMENT, 5);
        w.put(CommandType.SPLIT_ORDER, 8);
        w.put(CommandType.MOVE_ORDER, 5);
        w.put(CommandType.MERGE_ORDERS, 4);
        w.put(CommandType.SET_SURCHARGE_EXEMPT, 4);
        w.put(CommandType.UPDATE_ORDER_INFO, 4);
        w.put(CommandType.COMPLETE_ORDER, 6);
        w.put(CommandType.VOID_ORDER, 3);
        return Collections.unmodifiableMap(w);
    }

    // ---------------------------------------------------------------------------------- planning

    private Planned plan(CommandType type) {
        Actor operator = weighted(List.of(TestStore.ADMIN, TestStore.CASHIER, TestStore.WAITER,
                TestStore.SUPERVISOR, TestStore.MANAGER), 20, 35, 25, 10, 10);
        Actor authorizer = weighted(Arrays.asList(null, TestStore.MANAGER, TestStore.SUPERVISOR,
                TestStore.CASHIER), 35, 45, 10, 10);
        boolean nothingOpen = book.all().stream().noneMatch(Order::isActive);
        OrderCommand command = switch (nothingOpen && chance(0.85) ? CommandType.OPEN_TABLE : type) {
            case OPEN_TABLE -> openTable();
            case ADD_ITEMS -> addItems();
            case MODIFY_ITEM -> modifyItem();
            case REMOVE_ITEM -> removeItem();
            case ADD_PAYMENT -> addPayment();
            case CANCEL_PAYMENT -> cancelPayment();
            case SPLIT_ORDER -> splitOrder();
            case MOVE_ORDER -> moveOrder();
            case MERGE_ORDERS -> mergeOrders();
            case SET_SURCHARGE_EXEMPT -> setSurchargeExempt();
            case UPDATE_ORDER_INFO -> updateOrderInfo();
            case COMPLETE_ORDER -> new CompleteOrder(orderWhere(o -> o.remaining() == 0),
                    "R-" + random.nextInt(1_000_000));
            case VOID_ORDER -> new VoidOrder(orderWhere(o -> o.paidTotal() == 0), "guest left");
        };
        return new Planned(command, operator, authorizer);
    }

    private OpenTable openTable() {
        Integer guests = chance(0.7) ? random.nextInt(9) : null;
        String note = chance(0.2) ? "window seat" : null;
        double x = random.nextDouble();
        if (x < 0.05) {
            return new OpenTable(MISSING_TABLE, null, null, guests, note);
        }
        if (x < 0.25) {
            String zone = chance(0.5) ? null
                    : chance(0.9) ? oneOf(TestStore.ZONES).id() : "z-missing";
            return new OpenTable(null, chance(0.5) ? "Takeaway " + random.nextInt(100) : null, zone, guests, note);
        }
        return new OpenTable(tableToGoTo(null), null, null, guests, note);
    }

    private AddItems addItems() {
        String orderId = anyOrder();
        List<CartItem> items = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            double x = random.nextDouble();
            Product product = x < 0.03 ? null : x < 0.06 ? TestStore.NOT_ON_SALE : oneOf(TestStore.ON_SALE);
            String productId = product == null ? "p-missing" : product.id();
            long catalogPrice = product == null ? 100 : product.price();
            items.add(new CartItem(productId,
                    chance(0.1) ? "what the till shows" : null,
                    chance(0.1) ? (chance(0.5) ? catalogPrice : random.nextInt(2_000)) : null,
                    chance(0.03) ? Money.MAX_QUANTITY : 1 + random.nextInt(4),
                    chance(0.12) ? oneOf(DISCOUNTS) : null,
                    chance(0.35) ? options() : null,
                    chance(0.2) ? oneOf(List.of("large", "small", " large ")) : null,
                    chance(0.15) ? oneOf(List.of("no salt", "  ", "no salt ")) : null));
        }
        return new AddItems(orderId, items);
    }

    private ModifyItem modifyItem() {
        Optional<Order> order = book.find(orderWhere(o -> !o.items().isEmpty()));
        ItemChanges changes = changes();
        if (order.isEmpty() || order.get().items().isEmpty() || chance(0.04)) {
            return new ModifyItem(order.map(Order::orderId).orElse(MISSING_ORDER), MISSING_LINE, null, changes);
        }
        Line line = oneOf(order.get().items());
        List<Line> siblings = order.get().items().stream()
                .filter(l -> l.productId().equals(line.productId()) && l != line).toList();
        if (!siblings.isEmpty() && chance(0.4)) {
            changes = sameAs(oneOf(siblings));
        }
        Integer affected = chance(0.4) ? null
                : chance(0.03) ? line.quantity() + 1 : 1 + random.nextInt(line.quantity());
        if (affected != null && affected > Money.MAX_QUANTITY) {
            affected = Money.MAX_QUANTITY;
        }
        return new ModifyItem(order.get().orderId(), line.instanceId(), affected, changes);
    }

    private ItemChanges changes() {
        Long price = null;
        Percent discount = null;
        List<String> options = null;
        String spec = null;
        String note = null;
        while (price == null && discount == null && options == null && spec == null && note == null) {
            if (chance(0.5)) {
                discount = oneOf(List.of(Percent.ZERO, Percent.ZERO, Percent.of(10), Percent.parse("12.5"),
                        Percent.of(50)));
            }
            if (chance(0.2)) {
                price = chance(0.5) ? oneOf(TestStore.ON_SALE).price() : (long) random.nextInt(1_500);
            }
            if (chance(0.2)) {
                options = options();
            }
            if (chance(0.15)) {
                spec = oneOf(List.of("large", "", "small"));
            }
            if (chance(0.15)) {
                note = oneOf(List.of("no salt", "", "well done"));
            }
        }
        return new ItemChanges(price, discount, options, spec, note);
    }

    /** The changes that make a line equal to {@code other}, so that it merges into it. */
    private static ItemChanges sameAs(Line other) {
        return new ItemChanges(other.price(), other.discountPercent(), new ArrayList<>(other.options()),
                other.spec() == null ? "" : other.spec(), other.note() == null ? "" : other.note());
    }

    private RemoveItem removeItem() {
        Optional<Order> order = book.find(orderWhere(o -> !o.items().isEmpty()));
        if (order.isEmpty() || order.get().items().isEmpty() || chance(0.04)) {
            return new RemoveItem(order.map(Order::orderId).orElse(MISSING_ORDER), MISSING_LINE, null, null);
        }
        Line line = oneOf(order.get().items());
        Integer quantity = chance(0.4) ? null : 1 + random.nextInt(Math.min(line.quantity(), Money.MAX_QUANTITY));
        return new RemoveItem(order.get().orderId(), line.instanceId(), quantity, chance(0.5) ? "sent back" : null);
    }

    private AddPayment addPayment() {
        String orderId = orderWhere(o -> o.remaining() > 0);
        long remaining = book.find(orderId).map(Order::remaining).orElse(0L);
        long amount;
        if (remaining > 0) {
            double x = random.nextDouble();
            amount = x < 0.6 ? remaining : x < 0.93 ? 1 + random.nextLong(remaining) : remaining + 1;
        } else {
            amount = 1 + random.nextInt(500);
        }
        amount = Math.min(amount, Money.MAX_AMOUNT);
        if (chance(0.5)) {
            Long tendered = chance(0.5) ? Math.min(Money.MAX_AMOUNT, amount + random.nextInt(1_000)) : null;
            return new AddPayment(orderId, "cash", amount, tendered, null);
        }
        return new AddPayment(orderId, "card", amount, null, "auth-" + random.nextInt(10_000));
    }

    private CancelPayment cancelPayment() {
        String orderId = orderWhere(o -> o.payments().stream().anyMatch(p -> !p.cancelled()));
        List<Payment> payments = book.find(orderId).map(Order::payments).orElse(List.of());
        List<Payment> standing = payments.stream().filter(p -> !p.cancelled()).toList();
        String paymentId;
        if (payments.isEmpty() || chance(0.04)) {
            paymentId = MISSING_PAYMENT;
        } else {
            paymentId = oneOf(standing.isEmpty() || chance(0.1) ? payments : standing).paymentId();
        }
        return new CancelPayment(orderId, paymentId, "guest changed their mind");
    }

    private SplitOrder splitOrder() {
        String orderId = orderWhere(o -> o.remaining() > 0);
        Optional<Order> order = book.find(orderId);
        String method = oneOf(List.of("card", "cash", "voucher"));
        List<Line> unpaid = order.map(o -> o.items().stream()
                .filter(l -> l.quantity() > o.paidUnitsOf(l.instanceId())).toList()).orElse(List.of());
        if (!unpaid.isEmpty() && chance(0.55)) {
            Order o = order.get();
            List<Line> lines = new ArrayList<>(unpaid);
            Collections.shuffle(lines, random);
            List<SplitItem> items = new ArrayList<>();
            long value = 0;
            for (Line line : lines.subList(0, Math.min(lines.size(), 1 + random.nextInt(2)))) {
                int free = line.quantity() - o.paidUnitsOf(line.instanceId());
                int units = Math.min(Money.MAX_QUANTITY, chance(0.03) ? free + 1 : 1 + random.nextInt(free));
                if (units >= 2 && chance(0.1)) {
                    items.add(new SplitItem(line.instanceId(), 1));
                    items.add(new SplitItem(line.instanceId(), units - 1));
                } else {
                    items.add(new SplitItem(line.instanceId(), units));
                }
                value += line.valueOf(units);
            }
            long due = value + (o.surchargeExempt() ? 0 : Money.percentOf(value, o.surchargePercent()));
            if (chance(0.08)) {
                due++;
            }
            if (due >= 1) {
                return new SplitOrder(orderId, due, method, items);
            }
        }
        long remaining = order.map(Order::remaining).orElse(0L);
        long amount = remaining <= 0 ? 1 + random.nextInt(100)
                : chance(0.4) ? remaining : 1 + random.nextLong(remaining);
        return new SplitOrder(orderId, Math.min(amount, Money.MAX_AMOUNT), method, null);
    }

    private MoveOrder moveOrder() {
        String orderId = anyOrder();
        String from = book.find(orderId).map(Order::tableId).orElse(null);
        return new MoveOrder(orderId, tableToGoTo(from), chance(0.2) ? "ignored by the node" : null);
    }

    private MergeOrders mergeOrders() {
        List<Order> active = book.all().stream().filter(Order::isActive).toList();
        if (active.size() >= 2 && chance(0.85)) {
            List<Order> two = new ArrayList<>(active);
            Collections.shuffle(two, random);
            return new MergeOrders(two.get(0).orderId(), two.get(1).orderId());
        }
        String target = anyOrder();
        return new MergeOrders(chance(0.3) ? target : anyOrder(), target);
    }

    private SetSurchargeExempt setSurchargeExempt() {
        String orderId = anyOrder();
        boolean exempt = book.find(orderId).map(o -> chance(0.85) != o.surchargeExempt())
                .orElseGet(random::nextBoolean);
        return new SetSurchargeExempt(orderId, exempt);
    }

    private UpdateOrderInfo updateOrderInfo() {
        Integer guests = chance(0.6) ? random.nextInt(13) : null;
        String note = chance(0.4) ? "birthday" : null;
        String tableName = chance(0.3) ? "VIP" : null;
        if (guests == null && note == null && tableName == null) {
            guests = 2;
        }
        return new UpdateOrderInfo(anyOrder(), guests, note, tableName);
    }

    // --------------------------------------------------------------------------------- choosing

    /** Mostly an active order; now and then a closed one, or one that does not exist. */
    private String anyOrder() {
        List<Order> all = new ArrayList<>(book.all());
        List<Order> active = all.stream().filter(Order::isActive).toList();
        List<Order> closed = all.stream().filter(o -> !o.isActive()).toList();
        if (all.isEmpty() || chance(0.04)) {
            return MISSING_ORDER;
        }
        if (active.isEmpty() || !closed.isEmpty() && chance(0.05)) {
            return oneOf(all).orderId();
        }
        return oneOf(active).orderId();
    }

    /** Mostly an active order for which the command makes sense, when there is one. */
    private String orderWhere(Predicate<Order> fits) {
        List<Order> fitting = book.all().stream().filter(Order::isActive).filter(fits).toList();
        return !fitting.isEmpty() && chance(0.85) ? oneOf(fitting).orderId() : anyOrder();
    }

    /** Mostly a free table other than {@code from}; now and then a taken one, or one that does not exist. */
    private String tableToGoTo(String from) {
        if (chance(0.05)) {
            return MISSING_TABLE;
        }
        List<Table> free = TestStore.TABLES.stream()
                .filter(t -> !t.id().equals(from) && book.activeAtTable(t.id()).isEmpty()).toList();
        return !free.isEmpty() && chance(0.85) ? oneOf(free).id() : oneOf(TestStore.TABLES).id();
    }

    /** A set of options in a random order, now and then with a repeat or stray spaces. */
    private List<String> options() {
        List<String> options = new ArrayList<>();
        for (String option : OPTIONS) {
            if (chance(0.4)) {
                options.add(chance(0.1) ? " " + option + " " : option);
            }
        }
        if (!options.isEmpty() && chance(0.1)) {
            options.add(options.getFirst());
        }
        Collections.shuffle(options, random);
        return options;
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private <T> T weighted(List<T> values, int... weights) {
        int pick = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return values.get(i);
            }
        }
        throw new AssertionError("weights cover every pick");
    }
}
