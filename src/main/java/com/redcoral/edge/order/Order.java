package com.redcoral.edge.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state of one order, and its wire form, the OrderSnapshot of PROTOCOL.md §2. It changes only
 * by {@link OrderDecider#evolve}; the totals are derived from the lines and payments, never stored
 * apart from them, so they cannot disagree.
 */
@JsonPropertyOrder({"order_id", "status", "table_id", "table_name", "zone_id", "guest_count", "note",
    "surcharge_exempt", "surcharge_percent", "items", "payments", "subtotal", "discount_total", "surcharge_total",
    "total", "paid_total", "remaining", "receipt_number", "void_reason", "merged_into", "opened_at", "closed_at",
    "last_sequence"})
public record Order(String orderId, OrderStatus status, String tableId, String tableName, String zoneId,
                    Integer guestCount, String note, boolean surchargeExempt, Percent surchargePercent,
                    List<Line> items, List<Payment> payments, String receiptNumber, String voidReason,
                    String mergedInto, long openedAt, Long closedAt, long lastSequence) {

    public Order {
        items = List.copyOf(items);
        payments = List.copyOf(payments);
    }

    @JsonIgnore
    public boolean isActive() {
        return status == OrderStatus.ACTIVE;
    }

    public Optional<Line> line(String instanceId) {
        return items.stream().filter(l -> l.instanceId().equals(instanceId)).findFirst();
    }

    public Optional<Payment> payment(String paymentId) {
        return payments.stream().filter(p -> p.paymentId().equals(paymentId)).findFirst();
    }

    /** Units of a line already paid for by split-by-items payments that still stand. */
    public int paidUnitsOf(String instanceId) {
        return payments.stream().mapToInt(p -> p.paidUnitsOf(instanceId)).sum();
    }

    /** Sum of price × quantity over all lines, before discounts. */
    @JsonProperty("subtotal")
    public long subtotal() {
        return items.stream().mapToLong(l -> Math.multiplyExact(l.price(), (long) l.quantity())).sum();
    }

    @JsonProperty("discount_total")
    public long discountTotal() {
        return subtotal() - items.stream().mapToLong(Line::lineTotal).sum();
    }

    @JsonProperty("surcharge_total")
    public long surchargeTotal() {
        return surchargeExempt ? 0 : Money.percentOf(subtotal() - discountTotal(), surchargePercent);
    }

    @JsonProperty("total")
    public long total() {
        return subtotal() - discountTotal() + surchargeTotal();
    }

    @JsonProperty("paid_total")
    public long paidTotal() {
        return payments.stream().filter(p -> !p.cancelled()).mapToLong(Payment::amount).sum();
    }

    /** What is left to pay; negative only transiently inside a decision, which then refuses. */
    @JsonProperty("remaining")
    public long remaining() {
        return total() - paidTotal();
    }

    Order with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** A mutable copy used by {@code evolve} to state a change in one expression. */
    static final class Builder {
        OrderStatus status;
        String tableId;
        String tableName;
        String zoneId;
        Integer guestCount;
        String note;
        boolean surchargeExempt;
        Percent surchargePercent;
        List<Line> items;
        List<Payment> payments;
        String receiptNumber;
        String voidReason;
        String mergedInto;
        Long closedAt;
        private final Order from;

        Builder(Order o) {
            from = o;
            status = o.status;
            tableId = o.tableId;
            tableName = o.tableName;
            zoneId = o.zoneId;
            guestCount = o.guestCount;
            note = o.note;
            surchargeExempt = o.surchargeExempt;
            surchargePercent = o.surchargePercent;
            items = new ArrayList<>(o.items);
            payments = new ArrayList<>(o.payments);
            receiptNumber = o.receiptNumber;
            voidReason = o.voidReason;
            mergedInto = o.mergedInto;
            closedAt = o.closedAt;
        }

        Order build() {
            return new Order(from.orderId, status, tableId, tableName, zoneId, guestCount, note,
                    surchargeExempt, surchargePercent, items, payments, receiptNumber, voidReason,
                    mergedInto, from.openedAt, closedAt, from.lastSequence);
        }
    }

    Order atSequence(long sequence) {
        return new Order(orderId, status, tableId, tableName, zoneId, guestCount, note, surchargeExempt,
                surchargePercent, items, payments, receiptNumber, voidReason, mergedInto, openedAt,
                closedAt, sequence);
    }
}
