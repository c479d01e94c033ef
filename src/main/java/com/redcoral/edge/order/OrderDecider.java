package com.redcoral.edge.order;

import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Catalog.Table;
import com.redcoral.edge.order.Decision.Accepted;
import com.redcoral.edge.order.Decision.Change;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CancelPayment;
import com.redcoral.edge.order.OrderCommand.CompleteOrder;
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
import com.redcoral.edge.order.OrderEvent.Action;
import com.redcoral.edge.order.OrderEvent.AddedItem;
import com.redcoral.edge.order.OrderEvent.ItemModified;
import com.redcoral.edge.order.OrderEvent.ItemRemoved;
import com.redcoral.edge.order.OrderEvent.ItemResult;
import com.redcoral.edge.order.OrderEvent.ItemsAdded;
import com.redcoral.edge.order.OrderEvent.Operation;
import com.redcoral.edge.order.OrderEvent.OrderCompleted;
import com.redcoral.edge.order.OrderEvent.OrderInfoUpdated;
import com.redcoral.edge.order.OrderEvent.OrderMerged;
import com.redcoral.edge.order.OrderEvent.OrderMergedOut;
import com.redcoral.edge.order.OrderEvent.OrderMoved;
import com.redcoral.edge.order.OrderEvent.OrderMovedOut;
import com.redcoral.edge.order.OrderEvent.OrderSplit;
import com.redcoral.edge.order.OrderEvent.OrderVoided;
import com.redcoral.edge.order.OrderEvent.PaymentAdded;
import com.redcoral.edge.order.OrderEvent.PaymentCancelled;
import com.redcoral.edge.order.OrderEvent.SplitLine;
import com.redcoral.edge.order.OrderEvent.SurchargeExemptSet;
import com.redcoral.edge.order.OrderEvent.TableOpened;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The order rules: {@link #decide} turns a command into events or a rejection, {@link #evolve}
 * folds an event into an order. Both are pure: everything from outside (operator, clock, ids,
 * catalog) arrives in the {@link CommandContext}, and an order's state is exactly the fold of its
 * events. docs/orders.md states these rules for a store manager.
 */
public final class OrderDecider {

    private OrderDecider() {}

    public static Decision decide(Orders orders, OrderCommand command, CommandContext ctx) {
        try {
            Accepted accepted = switch (command) {
                case OpenTable c -> openTable(orders, c, ctx);
                case AddItems c -> addItems(orders, c, ctx);
                case ModifyItem c -> modifyItem(orders, c, ctx);
                case RemoveItem c -> removeItem(orders, c, ctx);
                case AddPayment c -> addPayment(orders, c, ctx);
                case CancelPayment c -> cancelPayment(orders, c, ctx);
                case SplitOrder c -> splitOrder(orders, c, ctx);
                case MoveOrder c -> moveOrder(orders, c, ctx);
                case MergeOrders c -> mergeOrders(orders, c);
                case SetSurchargeExempt c -> setSurchargeExempt(orders, c, ctx);
                case UpdateOrderInfo c -> one(active(orders, c.orderId()),
                        new OrderInfoUpdated(c.guestCount(), c.note(), c.tableName()));
                case CompleteOrder c -> completeOrder(orders, c);
                case VoidOrder c -> voidOrder(orders, c, ctx);
            };
            checkOutcome(orders, accepted, ctx);
            return accepted;
        } catch (Refusal refused) {
            return new Decision.Rejected(refused.rejection());
        }
    }

    // ----------------------------------------------------------------------------------- decide

    private static Accepted openTable(Orders orders, OpenTable c, CommandContext ctx) {
        TableOpened opened;
        if (c.tableId() != null) {
            Table table = ctx.catalog().table(c.tableId()).orElseThrow(() -> refuse(ErrorCode.TABLE_NOT_FOUND,
                    "table " + c.tableId() + " does not exist"));
            ensureFree(orders, table);
            opened = new TableOpened(table.id(), table.name(), table.zoneId(), c.guestCount(), c.note(),
                    surchargeOf(ctx.catalog(), table.zoneId()));
        } else {
            Percent surcharge = c.zoneId() == null ? Percent.ZERO : ctx.catalog().zone(c.zoneId())
                    .map(Catalog.Zone::surchargePercent).orElseThrow(() -> refuse(ErrorCode.INVALID_COMMAND,
                            "zone_id: zone " + c.zoneId() + " does not exist"));
            opened = new TableOpened(null, c.tableName(), c.zoneId(), c.guestCount(), c.note(), surcharge);
        }
        return new Accepted(ctx.newId(), List.of(new Change(ctx.newId(), opened)));
    }

    private static Accepted addItems(Orders orders, AddItems c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Set<Permission> needed = EnumSet.noneOf(Permission.class);
        List<AddedItem> added = new ArrayList<>();
        for (int i = 0; i < c.items().size(); i++) {
            OrderCommand.CartItem item = c.items().get(i);
            Product product = ctx.catalog().product(item.productId()).orElseThrow(() -> refuse(
                    ErrorCode.PRODUCT_NOT_FOUND, "product " + item.productId() + " does not exist"));
            if (!product.active()) {
                throw refuse(ErrorCode.PRODUCT_NOT_FOUND, "product " + product.name() + " ("
                        + product.id() + ") is not on sale");
            }
            long price = item.price() != null ? item.price() : product.price();
            Percent discount = item.discountPercent() != null ? item.discountPercent() : Percent.ZERO;
            if (price != product.price()) {
                needed.add(Permission.ORDER_PRICE_OVERRIDE);
            }
            if (!discount.isZero()) {
                needed.add(Permission.ORDER_DISCOUNT);
            }
            Line line = Line.of(product.id(), product.name(), price, item.quantity(), discount,
                    item.options(), item.spec(), item.note());
            added.add(new AddedItem(line.instanceId(), line.productId(), line.name(), price, product.price(),
                    line.quantity(), discount, line.options(), line.spec(), line.note()));
        }
        Approval approval = approve(ctx, needed);
        return one(order, new ItemsAdded(added, approval.id(), approval.name()));
    }

    private static Accepted modifyItem(Orders orders, ModifyItem c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Line source = line(order, c.instanceId());
        int affected = c.affectedQuantity() != null ? c.affectedQuantity() : source.quantity();
        ensureUnpaidUnits(order, source, affected, "modified");

        OrderCommand.ItemChanges ch = c.changes();
        Line changed = Line.of(source.productId(), source.name(),
                ch.price() != null ? ch.price() : source.price(), affected,
                ch.discountPercent() != null ? ch.discountPercent() : source.discountPercent(),
                ch.options() != null ? ch.options() : source.options(),
                ch.spec() != null ? ch.spec() : source.spec(),
                ch.note() != null ? ch.note() : source.note());
        if (changed.instanceId().equals(source.instanceId())) {
            throw refuse(ErrorCode.INVALID_COMMAND, "changes: they leave " + source.name() + " as it is");
        }

        Set<Permission> needed = EnumSet.noneOf(Permission.class);
        if (!changed.discountPercent().isZero() && !changed.discountPercent().equals(source.discountPercent())) {
            needed.add(Permission.ORDER_DISCOUNT);
        }
        if (changed.price() != source.price() && !ctx.catalog().product(source.productId())
                .map(Product::price).equals(Optional.of(changed.price()))) {
            needed.add(Permission.ORDER_PRICE_OVERRIDE);
        }
        Approval approval = approve(ctx, needed);

        Optional<Line> existing = order.line(changed.instanceId());
        List<ItemResult> results = new ArrayList<>();
        if (affected < source.quantity()) {
            results.add(ItemResult.of(source.withQuantity(source.quantity() - affected), Action.UNCHANGED));
        } else if (existing.isPresent()) {
            results.add(ItemResult.of(source.withQuantity(0), Action.REMOVED));
        }
        existing.ifPresentOrElse(
                into -> results.add(ItemResult.of(into.withQuantity(into.quantity() + affected), Action.MERGED)),
                () -> results.add(ItemResult.of(changed,
                        affected < source.quantity() ? Action.CREATED : Action.UPDATED)));
        return one(order, new ItemModified(operation(source, changed), source, affected, ch, results,
                approval.id(), approval.name()));
    }

    private static Operation operation(Line before, Line after) {
        List<Operation> differences = new ArrayList<>();
        if (before.price() != after.price()) {
            differences.add(Operation.OVERRIDE_PRICE);
        }
        if (!before.discountPercent().equals(after.discountPercent())) {
            differences.add(after.discountPercent().isZero() ? Operation.REMOVE_DISCOUNT : Operation.APPLY_DISCOUNT);
        }
        if (!before.options().equals(after.options())) {
            differences.add(Operation.CHANGE_OPTIONS);
        }
        if (!Objects.equals(before.spec(), after.spec())) {
            differences.add(Operation.CHANGE_SPEC);
        }
        if (!Objects.equals(before.note(), after.note())) {
            differences.add(Operation.CHANGE_NOTE);
        }
        return differences.size() == 1 ? differences.getFirst() : Operation.CHANGE_ATTRIBUTES;
    }

    private static Accepted removeItem(Orders orders, RemoveItem c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Line line = line(order, c.instanceId());
        int quantity = c.quantity() != null ? c.quantity() : line.quantity();
        ensureUnpaidUnits(order, line, quantity, "removed");
        Approval approval = approve(ctx, Permission.ORDER_REMOVE_ITEM);
        return one(order, new ItemRemoved(line.instanceId(), line.productId(), line.name(), line.price(),
                line.discountPercent(), quantity, line.quantity() - quantity, c.reason(),
                approval.id(), approval.name()));
    }

    private static Accepted addPayment(Orders orders, AddPayment c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Long change = c.tendered() == null ? null : c.tendered() - c.amount();
        return one(order, new PaymentAdded(ctx.newId(), c.method(), c.amount(), c.tendered(), change,
                c.reference()));
    }

    private static Accepted cancelPayment(Orders orders, CancelPayment c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Payment payment = order.payment(c.paymentId()).orElseThrow(() -> refuse(ErrorCode.PAYMENT_NOT_FOUND,
                "payment " + c.paymentId() + " is not on order " + order.orderId()));
        if (payment.cancelled()) {
            throw refuse(ErrorCode.PAYMENT_ALREADY_CANCELLED, "payment " + payment.paymentId()
                    + " was already cancelled (" + payment.cancelReason() + ")");
        }
        Approval approval = approve(ctx, Permission.ORDER_CANCEL_PAYMENT);
        return one(order, new PaymentCancelled(payment.paymentId(), payment.method(), payment.amount(),
                c.reason(), approval.id(), approval.name()));
    }

    private static Accepted splitOrder(Orders orders, SplitOrder c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        List<SplitLine> lines = List.of();
        if (!c.items().isEmpty()) {
            SplitQuote.Priced due = price(order, c.items());
            if (due.amount() != c.splitAmount()) {
                throw refuse(ErrorCode.AMOUNT_MISMATCH, "the chosen items come to " + due.amount()
                        + " with surcharge, but split_amount is " + c.splitAmount());
            }
            lines = due.lines();
        }
        return one(order, new OrderSplit(ctx.newId(), c.paymentMethod(), c.splitAmount(), lines));
    }

    /**
     * What {@code SPLIT_ORDER} by these units of {@code order} must pay, by the rule the split is decided
     * with: a till asks this rather than work out money itself.
     */
    public static SplitQuote quoteSplit(Order order, List<SplitItem> items) {
        try {
            if (!order.isActive()) {
                throw refuse(ErrorCode.ORDER_NOT_ACTIVE, "order " + order.orderId() + " is "
                        + order.status().name().toLowerCase() + " and takes no more changes");
            }
            return price(order, items);
        } catch (Refusal refusal) {
            return new SplitQuote.Refused(refusal.rejection());
        }
    }

    /** Each line's value of its units (a line named twice counts once, with the units added), plus the surcharge. */
    private static SplitQuote.Priced price(Order order, List<SplitItem> items) {
        Map<String, Integer> units = items.stream().collect(Collectors.toMap(
                SplitItem::instanceId, SplitItem::quantity, Integer::sum, LinkedHashMap::new));
        List<SplitLine> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> wanted : units.entrySet()) {
            Line line = line(order, wanted.getKey());
            ensureUnpaidUnits(order, line, wanted.getValue(), "paid for");
            lines.add(new SplitLine(line.instanceId(), line.name(), wanted.getValue(),
                    line.valueOf(wanted.getValue())));
        }
        long value = lines.stream().mapToLong(SplitLine::amount).sum();
        long surcharge = order.surchargeExempt() ? 0 : Money.percentOf(value, order.surchargePercent());
        return new SplitQuote.Priced(lines, surcharge, value + surcharge);
    }

    private static Accepted moveOrder(Orders orders, MoveOrder c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Table table = ctx.catalog().table(c.targetTableId()).orElseThrow(() -> refuse(ErrorCode.TABLE_NOT_FOUND,
                "table " + c.targetTableId() + " does not exist"));
        if (table.id().equals(order.tableId())) {
            throw refuse(ErrorCode.INVALID_COMMAND, "target_table_id: order " + order.orderId()
                    + " is already at table " + table.name());
        }
        ensureFree(orders, table);
        return new Accepted(order.orderId(), List.of(
                new Change(order.orderId(), new OrderMovedOut(order.tableId(), order.tableName(), table.id(),
                        table.name())),
                new Change(order.orderId(), new OrderMoved(order.tableId(), order.tableName(), table.id(),
                        table.name(), table.zoneId(), surchargeOf(ctx.catalog(), table.zoneId())))));
    }

    private static Accepted mergeOrders(Orders orders, MergeOrders c) {
        if (c.sourceOrderId().equals(c.targetOrderId())) {
            throw refuse(ErrorCode.INVALID_COMMAND, "source_order_id: an order cannot be merged into itself");
        }
        Order source = active(orders, c.sourceOrderId());
        Order target = active(orders, c.targetOrderId());
        List<Payment> standing = source.payments().stream().filter(p -> !p.cancelled()).toList();
        return new Accepted(target.orderId(), List.of(
                new Change(source.orderId(), new OrderMergedOut(target.orderId(), target.tableId(),
                        target.tableName(), source.items(), standing)),
                new Change(target.orderId(), new OrderMerged(source.orderId(), source.tableId(),
                        source.tableName(), source.items(), standing))));
    }

    private static Accepted setSurchargeExempt(Orders orders, SetSurchargeExempt c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        Approval approval = approve(ctx, Permission.ORDER_SURCHARGE_EXEMPT);
        return one(order, new SurchargeExemptSet(c.exempt(), approval.id(), approval.name()));
    }

    private static Accepted completeOrder(Orders orders, CompleteOrder c) {
        Order order = active(orders, c.orderId());
        if (order.remaining() != 0) {
            throw refuse(ErrorCode.NOT_FULLY_PAID, order.remaining() + " of " + order.total()
                    + " is still to be paid on order " + order.orderId());
        }
        return one(order, new OrderCompleted(c.receiptNumber(), order.total(), order.paidTotal()));
    }

    private static Accepted voidOrder(Orders orders, VoidOrder c, CommandContext ctx) {
        Order order = active(orders, c.orderId());
        if (order.paidTotal() > 0) {
            throw refuse(ErrorCode.ORDER_HAS_PAYMENTS, order.paidTotal() + " has been paid on order "
                    + order.orderId() + ": cancel those payments before voiding it");
        }
        Approval approval = approve(ctx, Permission.ORDER_VOID);
        return one(order, new OrderVoided(c.reason(), approval.id(), approval.name()));
    }

    // ------------------------------------------------------------------------- shared decisions

    private static Accepted one(Order order, OrderEvent event) {
        return new Accepted(order.orderId(), List.of(new Change(order.orderId(), event)));
    }

    private static Order active(Orders orders, String orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> refuse(ErrorCode.ORDER_NOT_FOUND,
                "order " + orderId + " does not exist"));
        if (!order.isActive()) {
            throw refuse(ErrorCode.ORDER_NOT_ACTIVE, "order " + orderId + " is "
                    + order.status().name().toLowerCase() + " and takes no more changes");
        }
        return order;
    }

    private static Line line(Order order, String instanceId) {
        return order.line(instanceId).orElseThrow(() -> refuse(ErrorCode.ITEM_NOT_FOUND,
                "item " + instanceId + " is not on order " + order.orderId()));
    }

    private static void ensureUnpaidUnits(Order order, Line line, int wanted, String verb) {
        int paid = order.paidUnitsOf(line.instanceId());
        if (wanted > line.quantity() - paid) {
            throw refuse(ErrorCode.INSUFFICIENT_QUANTITY, wanted + " of " + line.name() + " (" + line.instanceId()
                    + ") cannot be " + verb + ": the line holds " + line.quantity()
                    + (paid > 0 ? ", of which " + paid + " are already paid for" : ""));
        }
    }

    private static void ensureFree(Orders orders, Table table) {
        orders.activeAtTable(table.id()).ifPresent(holder -> {
            throw refuse(ErrorCode.TABLE_OCCUPIED, "table " + table.name() + " already has order "
                    + holder.orderId());
        });
    }

    /** A zone's surcharge; a table whose zone is gone from the catalog carries none. */
    private static Percent surchargeOf(Catalog catalog, String zoneId) {
        return zoneId == null ? Percent.ZERO
                : catalog.zone(zoneId).map(Catalog.Zone::surchargePercent).orElse(Percent.ZERO);
    }

    private record Approval(String id, String name) {
        static final Approval NOT_NEEDED = new Approval(null, null);
    }

    private static Approval approve(CommandContext ctx, Permission permission) {
        return approve(ctx, EnumSet.of(permission));
    }

    /**
     * The approval a command needs: none when the operator holds every permission, else an
     * authorizer (PIN verified by the node) who holds the ones the operator lacks.
     */
    private static Approval approve(CommandContext ctx, Set<Permission> needed) {
        Set<Permission> lacking = needed.stream().filter(p -> !ctx.operator().may(p))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
        if (lacking.isEmpty()) {
            return Approval.NOT_NEEDED;
        }
        if (ctx.authorizer() == null) {
            throw refuse(ErrorCode.AUTHORIZATION_REQUIRED, ctx.operator().name() + " lacks " + lacking
                    + ": an employee who holds it must approve with their PIN");
        }
        Set<Permission> authorizerLacks = lacking.stream().filter(p -> !ctx.authorizer().may(p))
                .collect(Collectors.toSet());
        if (!authorizerLacks.isEmpty()) {
            throw refuse(ErrorCode.AUTHORIZATION_FAILED, ctx.authorizer().name() + " cannot approve "
                    + authorizerLacks + ": their role does not hold it");
        }
        return new Approval(ctx.authorizer().id(), ctx.authorizer().name());
    }

    /**
     * Invariants that hold after every command, checked on the orders as the events would leave
     * them: no order grows beyond the money limits, nothing is ever paid beyond an order's total,
     * and no line grows beyond its limit.
     */
    private static void checkOutcome(Orders orders, Accepted accepted, CommandContext ctx) {
        Map<String, Order> after = new LinkedHashMap<>();
        for (Change change : accepted.changes()) {
            Order before = after.containsKey(change.orderId()) ? after.get(change.orderId())
                    : orders.find(change.orderId()).orElse(null);
            RecordedEvent provisional = new RecordedEvent(null, 0, change.orderId(), ctx.now(),
                    ctx.operator().id(), ctx.operator().name(), ctx.commandId(), EventType.SCHEMA_VERSION, null,
                    change.event());
            after.put(change.orderId(), evolve(before, provisional));
        }
        for (Order order : after.values()) {
            if (order.subtotal() > Money.MAX_ORDER_SUBTOTAL) {
                throw refuse(ErrorCode.INVALID_COMMAND, "order " + order.orderId() + " would come to "
                        + order.subtotal() + ", more than the " + Money.MAX_ORDER_SUBTOTAL + " an order can hold");
            }
            if (order.remaining() < 0) {
                throw refuse(ErrorCode.PAYMENTS_EXCEED_TOTAL, "order " + order.orderId() + " would have "
                        + order.paidTotal() + " paid against a total of " + order.total());
            }
            order.items().stream().filter(l -> l.quantity() > Money.MAX_LINE_QUANTITY).findFirst()
                    .ifPresent(l -> {
                        throw refuse(ErrorCode.INVALID_COMMAND, "quantity: " + l.name() + " would reach "
                                + l.quantity() + " units, more than the " + Money.MAX_LINE_QUANTITY
                                + " a line can hold");
                    });
        }
    }

    // ------------------------------------------------------------------------------------ evolve

    /**
     * Folds one committed event into its order. {@code state} is null only before TABLE_OPENED.
     * An event that does not fit the state means a corrupt log and throws IllegalStateException.
     */
    public static Order evolve(Order state, RecordedEvent recorded) {
        OrderEvent event = recorded.payload();
        if (state == null) {
            if (!(event instanceof TableOpened opened)) {
                throw new IllegalStateException("order " + recorded.orderId() + " starts with "
                        + recorded.type() + " instead of TABLE_OPENED");
            }
            return new Order(recorded.orderId(), OrderStatus.ACTIVE, opened.tableId(), opened.tableName(),
                    opened.zoneId(), opened.guestCount(), opened.note(), false, opened.surchargePercent(),
                    List.of(), List.of(), null, null, null, recorded.timestamp(), null, recorded.sequence());
        }
        long at = recorded.timestamp();
        Order next = switch (event) {
            case TableOpened e -> throw new IllegalStateException("order " + state.orderId() + " opened twice");
            case ItemsAdded e -> state.with(o -> {
                e.items().forEach(item -> addUnits(o.items, item.toLine()));
            });
            case ItemModified e -> state.with(o -> {
                o.items = modifiedLines(state, e);
            });
            case ItemRemoved e -> state.with(o -> {
                existing(state, e.instanceId());
                o.items.replaceAll(l -> l.instanceId().equals(e.instanceId())
                        ? l.withQuantity(e.remainingQuantity()) : l);
                o.items.removeIf(l -> l.quantity() == 0);
            });
            case PaymentAdded e -> state.with(o -> {
                o.payments.add(new Payment(e.paymentId(), e.method(), e.amount(), e.tendered(), e.change(),
                        e.reference(), List.of(), false, null));
            });
            case PaymentCancelled e -> state.with(o -> {
                state.payment(e.paymentId()).orElseThrow(() -> new IllegalStateException(
                        "payment " + e.paymentId() + " is not on order " + state.orderId()));
                o.payments.replaceAll(p -> p.paymentId().equals(e.paymentId()) ? p.cancel(e.reason()) : p);
            });
            case OrderSplit e -> state.with(o -> {
                o.payments.add(new Payment(e.paymentId(), e.paymentMethod(), e.splitAmount(), null, null, null,
                        e.items().stream().map(l -> new SplitItem(l.instanceId(), l.quantity())).toList(),
                        false, null));
            });
            case OrderMovedOut e -> state.with(o -> {
                o.tableId = null;
                o.tableName = null;
            });
            case OrderMoved e -> state.with(o -> {
                o.tableId = e.toTableId();
                o.tableName = e.toTableName();
                o.zoneId = e.zoneId();
                o.surchargePercent = e.surchargePercent();
            });
            case OrderMergedOut e -> state.with(o -> {
                o.status = OrderStatus.MERGED;
                o.mergedInto = e.targetOrderId();
                o.items = List.of();
                o.payments.removeIf(p -> !p.cancelled());
                o.closedAt = at;
            });
            case OrderMerged e -> state.with(o -> {
                e.items().forEach(line -> addUnits(o.items, line));
                o.payments.addAll(e.payments());
            });
            case SurchargeExemptSet e -> state.with(o -> {
                o.surchargeExempt = e.exempt();
            });
            case OrderInfoUpdated e -> state.with(o -> {
                o.guestCount = e.guestCount() != null ? e.guestCount() : o.guestCount;
                o.note = e.note() != null ? e.note() : o.note;
                o.tableName = e.tableName() != null ? e.tableName() : o.tableName;
            });
            case OrderCompleted e -> state.with(o -> {
                o.status = OrderStatus.COMPLETED;
                o.receiptNumber = e.receiptNumber();
                o.closedAt = at;
            });
            case OrderVoided e -> state.with(o -> {
                o.status = OrderStatus.VOIDED;
                o.voidReason = e.reason();
                o.closedAt = at;
            });
        };
        return next.atSequence(recorded.sequence());
    }

    /** Adds a line's units to the line with the same instance id, or appends it. */
    private static void addUnits(List<Line> lines, Line added) {
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.instanceId().equals(added.instanceId())) {
                lines.set(i, line.withQuantity(line.quantity() + added.quantity()));
                return;
            }
        }
        lines.add(added);
    }

    /** The source line is replaced, in place, by its results; a MERGED result sets that line's quantity. */
    private static List<Line> modifiedLines(Order state, ItemModified e) {
        existing(state, e.source().instanceId());
        Map<String, ItemResult> merged = e.results().stream().filter(r -> r.action() == Action.MERGED)
                .collect(Collectors.toMap(ItemResult::instanceId, Function.identity()));
        List<Line> lines = new ArrayList<>();
        for (Line line : state.items()) {
            if (line.instanceId().equals(e.source().instanceId())) {
                e.results().stream().filter(r -> r.action() == Action.UNCHANGED || r.action() == Action.UPDATED
                        || r.action() == Action.CREATED).forEach(r -> lines.add(r.toLine()));
            } else if (merged.containsKey(line.instanceId())) {
                lines.add(merged.get(line.instanceId()).toLine());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Line existing(Order state, String instanceId) {
        return state.line(instanceId).orElseThrow(() -> new IllegalStateException(
                "item " + instanceId + " is not on order " + state.orderId()));
    }

    // ------------------------------------------------------------------------------- rejections

    private static Refusal refuse(ErrorCode code, String message) {
        return new Refusal(code, message);
    }
}
