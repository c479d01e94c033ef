package com.redcoral.edge.kitchen;

import com.redcoral.edge.kitchen.KitchenChange.Change;
import com.redcoral.edge.kitchen.KitchenChange.TableDropped;
import com.redcoral.edge.kitchen.KitchenChange.TableSet;
import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.kitchen.KitchenChange.TicketPruned;
import com.redcoral.edge.kitchen.KitchenChange.TicketRelabelled;
import com.redcoral.edge.kitchen.KitchenCommand.Bump;
import com.redcoral.edge.kitchen.KitchenCommand.Recall;
import com.redcoral.edge.kitchen.KitchenDecision.Changed;
import com.redcoral.edge.kitchen.KitchenDecision.Rejected;
import com.redcoral.edge.kitchen.KitchenDecision.Unchanged;
import com.redcoral.edge.kitchen.TicketItem.Dish;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.OrderEvent.Action;
import com.redcoral.edge.order.OrderEvent.AddedItem;
import com.redcoral.edge.order.OrderEvent.ItemModified;
import com.redcoral.edge.order.OrderEvent.ItemRemoved;
import com.redcoral.edge.order.OrderEvent.ItemResult;
import com.redcoral.edge.order.OrderEvent.ItemsAdded;
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
import com.redcoral.edge.order.OrderEvent.SurchargeExemptSet;
import com.redcoral.edge.order.OrderEvent.TableOpened;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.order.Rejection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kitchen's rules: {@link #project} turns a committed order event into kitchen changes,
 * {@link #decide} a display's bump or recall, {@link #prune} drops what is too old to show, and
 * {@link #evolve} folds any change into the state. All pure: the routing, the time and who asked come
 * in; the same events always give the same tickets. docs/kitchen.md states these rules for a cook.
 *
 * <ul>
 *   <li>ITEMS_ADDED makes one ticket per print destination its products go to (product → category →
 *       destination); equal dishes share one line. Products that go nowhere make no ticket.</li>
 *   <li>ITEM_REMOVED cancels the units on the order's open tickets, newest first; units already bumped
 *       were made and stay as they are. A ticket with no unit left to make is cancelled.</li>
 *   <li>ITEM_MODIFIED that changes how a dish is made (options, spec, note) cancels the affected units
 *       still to be made and adds them, made the new way, to the same ticket. A price or discount change
 *       is nothing to the kitchen; the units only follow their new order line.</li>
 *   <li>ORDER_VOIDED cancels the order's open tickets. ORDER_COMPLETED changes no ticket: a counter
 *       order is often paid before the kitchen makes it.</li>
 *   <li>ORDER_MOVED and a new table name (ORDER_INFO_UPDATED) point the order's tickets at the new table;
 *       ORDER_MERGED_OUT points the source's tickets at the target order and its table.</li>
 * </ul>
 */
public final class KitchenProjection {

    private KitchenProjection() {}

    /**
     * What one committed order event means for the kitchen, in order; none for an event at or before the
     * state's checkpoint (already folded in). The caller folds the changes in with {@link #evolve} and
     * then moves the checkpoint to the event's sequence.
     */
    public static List<KitchenChange> project(KitchenState state, RecordedEvent recorded, KitchenRouting routing) {
        if (recorded.sequence() <= state.checkpoint()) {
            return List.of();
        }
        String orderId = recorded.orderId();
        long at = recorded.timestamp();
        return switch (recorded.payload()) {
            case TableOpened e -> List.of(new TableSet(new OrderTable(orderId, e.tableId(), e.tableName())));
            case ItemsAdded e -> itemsAdded(state, recorded, e, routing);
            case ItemRemoved e -> itemRemoved(state, orderId, e, at);
            case ItemModified e -> itemModified(state, orderId, e, at);
            case OrderMoved e -> retable(state, orderId, e.toTableId(), e.toTableName(), at);
            case OrderInfoUpdated e -> e.tableName() == null ? List.of()
                    : retable(state, orderId, tableOf(state, orderId).tableId(), e.tableName(), at);
            case OrderMergedOut e -> merged(state, orderId, e, at);
            case OrderVoided e -> voided(state, orderId, at);
            case OrderCompleted e -> List.of(new TableDropped(orderId));
            case OrderMovedOut e -> List.of(); // always followed by ORDER_MOVED, which says where to
            case OrderMerged e -> List.of(); // the source's ORDER_MERGED_OUT already moved its tickets
            case PaymentAdded e -> List.of();
            case PaymentCancelled e -> List.of();
            case OrderSplit e -> List.of();
            case SurchargeExemptSet e -> List.of();
        };
    }

    /** A display's bump or recall, decided against the tickets as they stand. */
    public static KitchenDecision decide(KitchenState state, KitchenCommand command, KitchenPolicy policy) {
        long recallWindowMs = policy.recallWindowMs();
        Optional<KitchenTicket> found = TicketKey.of(command.destinationId(), command.ticketId())
                .flatMap(state::ticket);
        if (found.isEmpty()) {
            return rejected(ErrorCode.TICKET_NOT_FOUND, "there is no ticket " + command.ticketId() + " of "
                    + command.destinationId() + " (tickets done more than the recall window ago are dropped)");
        }
        KitchenTicket ticket = found.get();
        if (ticket.status() == TicketStatus.CANCELLED) {
            return rejected(ErrorCode.TICKET_CANCELLED, ticket.describe() + " was cancelled: there is nothing to "
                    + (command instanceof Bump ? "bump" : "recall"));
        }
        return switch (command) {
            case Bump b -> ticket.status() == TicketStatus.BUMPED ? new Unchanged(ticket)
                    : new Changed(new TicketChanged(Change.BUMPED, ticket.bumped(b.by(), b.at())));
            case Recall r -> {
                if (ticket.status() == TicketStatus.OPEN) {
                    yield new Unchanged(ticket);
                }
                long since = r.at() - ticket.bumpedAt();
                yield since > recallWindowMs
                        ? rejected(ErrorCode.RECALL_WINDOW_PASSED, ticket.describe() + " was bumped " + since / 1000
                                + " s ago; it can be recalled for " + recallWindowMs / 1000 + " s after its bump")
                        : new Changed(new TicketChanged(Change.RECALLED, ticket.recalled(r.by(), r.at())));
            }
        };
    }

    /**
     * The tickets the policy no longer keeps at {@code now}, by key: bumped and cancelled ones done longer than
     * the recall window ago, and open ones nobody bumped within the open ticket age. No display shows them.
     */
    public static List<KitchenChange> prune(KitchenState state, long now, KitchenPolicy policy) {
        Stream<KitchenTicket> done = state.done().filter(t -> !policy.keeps(t, now));
        Stream<KitchenTicket> abandoned = state.openOldestFirst().takeWhile(t -> !policy.keeps(t, now)); // the rest came later
        return Stream.concat(done, abandoned).map(KitchenTicket::key).sorted()
                .<KitchenChange>map(TicketPruned::new).toList();
    }

    /**
     * Folds one change into {@code state}, which it changes and returns, as {@code OrderBook} folds an order
     * event: the state has one owner. The checkpoint is the caller's to move.
     */
    public static KitchenState evolve(KitchenState state, KitchenChange change) {
        state.apply(change);
        return state;
    }

    /** Every change folded in, in order. */
    public static KitchenState evolve(KitchenState state, List<? extends KitchenChange> changes) {
        changes.forEach(state::apply);
        return state;
    }

    // ------------------------------------------------------------------------------- order events

    private static List<KitchenChange> itemsAdded(KitchenState state, RecordedEvent recorded, ItemsAdded e,
                                                  KitchenRouting routing) {
        Map<String, Map<Dish, TicketItem>> byDestination = new LinkedHashMap<>();
        for (AddedItem item : e.items()) {
            routing.destinationOf(item.productId()).ifPresent(destination -> {
                Dish dish = new Dish(item.productId(), item.name(), item.options(), item.spec(), item.note());
                byDestination.computeIfAbsent(destination, d -> new LinkedHashMap<>()).merge(dish,
                        dish.units(item.instanceId(), item.quantity()),
                        (held, more) -> held.add(item.instanceId(), item.quantity()));
            });
        }
        OrderTable table = tableOf(state, recorded.orderId());
        long sequence = recorded.sequence();
        List<KitchenChange> changes = new ArrayList<>();
        byDestination.forEach((destination, items) -> changes.add(new TicketChanged(Change.CREATED,
                new KitchenTicket(destination, Long.toString(sequence), sequence, recorded.orderId(), table.tableId(),
                        table.tableName(), recorded.timestamp(), recorded.operatorId(), recorded.operatorName(),
                        List.copyOf(items.values()), TicketStatus.OPEN, 1, recorded.timestamp(), null, null, null,
                        null, null))));
        return changes;
    }

    private static List<KitchenChange> itemRemoved(KitchenState state, String orderId, ItemRemoved e, long at) {
        List<KitchenChange> changes = new ArrayList<>();
        int wanted = e.quantity();
        for (KitchenTicket ticket : state.newestFirst(orderId, TicketStatus.OPEN)) {
            KitchenTicket next = ticket;
            for (int i = 0; i < ticket.items().size() && wanted > 0; i++) {
                int units = Math.min(wanted, next.items().get(i).unitsOf(e.instanceId()));
                if (units > 0) {
                    next = next.withItem(i, item -> item.cancel(e.instanceId(), units));
                    wanted -= units;
                }
            }
            if (next != ticket) {
                next = next.changedAt(at).cancelledIfEmpty(at);
                changes.add(new TicketChanged(next.status() == TicketStatus.CANCELLED ? Change.CANCELLED
                        : Change.ITEMS_CANCELLED, next));
            }
            if (wanted == 0) {
                break;
            }
        }
        return changes;
    }

    /**
     * The affected units of the source line follow it to its new line: on open tickets first (newest
     * first), then on bumped ones, so a recalled ticket still knows its units. Only on an open ticket, and
     * only when the way the dish is made changed, does the kitchen see it.
     */
    private static List<KitchenChange> itemModified(KitchenState state, String orderId, ItemModified e, long at) {
        Line source = e.source();
        ItemResult target = e.results().stream().filter(r -> r.action() == Action.UPDATED
                || r.action() == Action.CREATED || r.action() == Action.MERGED).findFirst()
                .orElseThrow(() -> new IllegalStateException("ITEM_MODIFIED of " + source.instanceId()
                        + " on order " + orderId + " names no line the units went to"));
        boolean madeDifferently = !(source.options().equals(target.options())
                && Objects.equals(source.spec(), target.spec()) && Objects.equals(source.note(), target.note()));
        Dish newDish = new Dish(target.productId(), target.name(), target.options(), target.spec(), target.note());

        List<KitchenChange> changes = new ArrayList<>();
        int wanted = e.affectedQuantity();
        for (TicketStatus status : List.of(TicketStatus.OPEN, TicketStatus.BUMPED)) {
            for (KitchenTicket ticket : state.newestFirst(orderId, status)) {
                if (wanted == 0) {
                    return changes;
                }
                boolean seen = madeDifferently && status == TicketStatus.OPEN;
                KitchenTicket next = ticket;
                int size = ticket.items().size();
                for (int i = 0; i < size && wanted > 0; i++) {
                    int units = Math.min(wanted, next.items().get(i).unitsOf(source.instanceId()));
                    if (units == 0) {
                        continue;
                    }
                    wanted -= units;
                    if (seen) {
                        next = withUnits(next.withItem(i, item -> item.cancel(source.instanceId(), units)), newDish,
                                target.instanceId(), units);
                    } else {
                        next = next.withItem(i, item -> item.relabel(source.instanceId(), target.instanceId(), units));
                    }
                }
                if (next != ticket) {
                    changes.add(seen ? new TicketChanged(Change.ITEMS_CHANGED, next.changedAt(at))
                            : new TicketRelabelled(next));
                }
            }
        }
        return changes;
    }

    /** {@code units} of {@code dish} added to the ticket: to its item of that dish, or as a new item. */
    private static KitchenTicket withUnits(KitchenTicket ticket, Dish dish, String instanceId, int units) {
        for (int i = 0; i < ticket.items().size(); i++) {
            if (ticket.items().get(i).dish().equals(dish)) {
                return ticket.withItem(i, item -> item.add(instanceId, units));
            }
        }
        List<TicketItem> items = new ArrayList<>(ticket.items());
        items.add(dish.units(instanceId, units));
        return ticket.withItems(items);
    }

    /** The order's food goes to another table (or a table of another name): its tickets say so. */
    private static List<KitchenChange> retable(KitchenState state, String orderId, String tableId, String tableName,
                                               long at) {
        List<KitchenChange> changes = new ArrayList<>();
        for (KitchenTicket ticket : notCancelled(state, orderId)) {
            changes.add(new TicketChanged(Change.TABLE_CHANGED,
                    ticket.at(orderId, tableId, tableName).changedAt(at)));
        }
        changes.add(new TableSet(new OrderTable(orderId, tableId, tableName)));
        return changes;
    }

    private static List<KitchenChange> merged(KitchenState state, String sourceOrderId, OrderMergedOut e, long at) {
        List<KitchenChange> changes = new ArrayList<>();
        for (KitchenTicket ticket : notCancelled(state, sourceOrderId)) {
            changes.add(new TicketChanged(Change.MERGED,
                    ticket.at(e.targetOrderId(), e.targetTableId(), e.targetTableName()).changedAt(at)));
        }
        changes.add(new TableDropped(sourceOrderId));
        return changes;
    }

    private static List<KitchenChange> voided(KitchenState state, String orderId, long at) {
        List<KitchenChange> changes = new ArrayList<>();
        for (KitchenTicket ticket : state.newestFirst(orderId, TicketStatus.OPEN)) {
            KitchenTicket emptied = ticket.withItems(ticket.items().stream().map(TicketItem::cancelAll).toList());
            changes.add(new TicketChanged(Change.CANCELLED, emptied.changedAt(at).cancelledIfEmpty(at)));
        }
        changes.add(new TableDropped(orderId));
        return changes;
    }

    /** The order's open and bumped tickets, oldest first: the ones whose food may still have to find its table. */
    private static List<KitchenTicket> notCancelled(KitchenState state, String orderId) {
        return state.ofOrder(orderId).stream().filter(t -> t.status() != TicketStatus.CANCELLED).toList();
    }

    /** Where the order's food goes; nowhere known for an order the kitchen never saw open (before its first start). */
    private static OrderTable tableOf(KitchenState state, String orderId) {
        OrderTable table = state.tables().get(orderId);
        return table != null ? table : new OrderTable(orderId, null, null);
    }

    private static KitchenDecision rejected(ErrorCode code, String message) {
        return new Rejected(new Rejection(code, message));
    }
}
