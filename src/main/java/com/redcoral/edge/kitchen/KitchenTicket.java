package com.redcoral.edge.kitchen;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one print destination has to make for one round of an order: the dishes of one ITEMS_ADDED
 * that go there, where they go (table, order), who rang them up and when. Also its wire form, the
 * {@code ticket} of docs/kitchen.md.
 *
 * <p>A ticket is identified by its destination and {@code ticketId}, the decimal {@code sequence} of the
 * ITEMS_ADDED that made it (one event makes at most one ticket per destination), so a cook can call it
 * by a short number. {@code version} starts at 1 and grows by one with every change a cook would see;
 * a display compares it to know whether it has seen a ticket as it is now.
 *
 * @param tableId     the table the food goes to now (after moves and merges); null for a counter order
 * @param tableName   the table's (or the counter order's) name now
 * @param createdAt   when the items were rung up (the event's timestamp)
 * @param bumpedAt    when the kitchen finished it; set only while {@code BUMPED}
 * @param recalledAt  when it was last brought back from {@code BUMPED}; null if it never was
 * @param cancelledAt when its last unit was taken off (or the order voided); set only when {@code CANCELLED}
 */
public record KitchenTicket(String destinationId, String ticketId, long sequence, String orderId, String tableId,
                            String tableName, long createdAt, String operatorId, String operatorName,
                            List<TicketItem> items, TicketStatus status, int version, long updatedAt, Long bumpedAt,
                            String bumpedBy, Long recalledAt, String recalledBy, Long cancelledAt) {

    public KitchenTicket {
        Objects.requireNonNull(destinationId, "destinationId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
        items = List.copyOf(items);
    }

    public TicketKey key() {
        return new TicketKey(destinationId, sequence);
    }

    /** When it stopped being open (bumped or cancelled); null while open. */
    public Long doneAt() {
        return switch (status) {
            case OPEN -> null;
            case BUMPED -> bumpedAt;
            case CANCELLED -> cancelledAt;
        };
    }

    /** The units still to be made, over every item. */
    public int live() {
        return items.stream().mapToInt(TicketItem::live).sum();
    }

    KitchenTicket withItems(List<TicketItem> newItems) {
        return new KitchenTicket(destinationId, ticketId, sequence, orderId, tableId, tableName, createdAt, operatorId,
                operatorName, newItems, status, version, updatedAt, bumpedAt, bumpedBy, recalledAt, recalledBy,
                cancelledAt);
    }

    KitchenTicket withItem(int index, UnaryOperator<TicketItem> change) {
        List<TicketItem> next = new java.util.ArrayList<>(items);
        next.set(index, change.apply(items.get(index)));
        return withItems(next);
    }

    /** The next version, changed at {@code at}: what every change a cook sees goes through. */
    KitchenTicket changedAt(long at) {
        return new KitchenTicket(destinationId, ticketId, sequence, orderId, tableId, tableName, createdAt, operatorId,
                operatorName, items, status, version + 1, at, bumpedAt, bumpedBy, recalledAt, recalledBy, cancelledAt);
    }

    /** Cancelled when no unit is left to make. */
    KitchenTicket cancelledIfEmpty(long at) {
        return status == TicketStatus.OPEN && live() == 0
                ? new KitchenTicket(destinationId, ticketId, sequence, orderId, tableId, tableName, createdAt,
                        operatorId, operatorName, items, TicketStatus.CANCELLED, version, updatedAt, null, null,
                        recalledAt, recalledBy, at)
                : this;
    }

    KitchenTicket at(String newOrderId, String newTableId, String newTableName) {
        return new KitchenTicket(destinationId, ticketId, sequence, newOrderId, newTableId, newTableName, createdAt,
                operatorId, operatorName, items, status, version, updatedAt, bumpedAt, bumpedBy, recalledAt,
                recalledBy, cancelledAt);
    }

    KitchenTicket bumped(String by, long at) {
        return new KitchenTicket(destinationId, ticketId, sequence, orderId, tableId, tableName, createdAt, operatorId,
                operatorName, items, TicketStatus.BUMPED, version, updatedAt, at, by, recalledAt, recalledBy, null)
                .changedAt(at);
    }

    KitchenTicket recalled(String by, long at) {
        return new KitchenTicket(destinationId, ticketId, sequence, orderId, tableId, tableName, createdAt, operatorId,
                operatorName, items, TicketStatus.OPEN, version, updatedAt, null, null, at, by, null).changedAt(at);
    }

    /** How it reads in a refusal: {@code ticket 42 of kitchen}. */
    String describe() {
        return "ticket " + ticketId + " of " + destinationId;
    }
}
