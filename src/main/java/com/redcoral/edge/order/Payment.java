package com.redcoral.edge.order;

import java.util.List;

/**
 * A payment on an order. {@code items} names the units a split-by-items payment paid for (empty
 * otherwise); those units cannot be paid for again, removed or modified while it stands.
 * {@code tendered} and {@code change} are for cash handed over.
 */
public record Payment(String paymentId, String method, long amount, Long tendered, Long change,
                      String reference, List<OrderCommand.SplitItem> items, boolean cancelled,
                      String cancelReason) {

    public Payment {
        items = List.copyOf(items);
    }

    public Payment cancel(String reason) {
        return new Payment(paymentId, method, amount, tendered, change, reference, items, true, reason);
    }

    /** How many units of the line {@code instanceId} this payment paid for, if it stands. */
    public int paidUnitsOf(String instanceId) {
        if (cancelled) {
            return 0;
        }
        return items.stream().filter(i -> i.instanceId().equals(instanceId))
                .mapToInt(OrderCommand.SplitItem::quantity).sum();
    }
}
