package com.redcoral.edge.order;

import java.util.List;

/**
 * What happened to an order: the {@code payload} of an OrderEvent (PROTOCOL.md §2). Each event
 * carries every fact its {@link OrderDecider#evolve} needs — names, prices, zone surcharges —
 * copied at the moment of decision, so replaying the log never consults the catalog. Wire names
 * live in {@link EventType}; the envelope (sequence, operator, hash) is {@link RecordedEvent}.
 */
public sealed interface OrderEvent {

    /** Who approved an operation the operator lacked the permission for; both null when nobody had to. */
    interface Approved {
        String authorizerId();

        String authorizerName();
    }

    record TableOpened(String tableId, String tableName, String zoneId, Integer guestCount, String note,
                       Percent surchargePercent) implements OrderEvent {}

    /**
     * Units added to the order, each with its instance id. {@code catalog_price} is the product's
     * price at that moment, so an override ({@code price} different from it) reads in the audit.
     */
    record ItemsAdded(List<AddedItem> items, String authorizerId, String authorizerName)
            implements OrderEvent, Approved {}

    record AddedItem(String instanceId, String productId, String name, long price, long catalogPrice,
                     int quantity, Percent discountPercent, List<String> options, String spec, String note) {
        Line toLine() {
            return new Line(instanceId, productId, name, price, quantity, discountPercent, options, spec, note);
        }
    }

    /**
     * A change to {@code affected_quantity} units of the line {@code source} (as it was). The
     * {@code results} are the lines touched afterwards: the untouched rest of the source
     * ({@code UNCHANGED}), the whole source with new attributes ({@code UPDATED}), a new line
     * ({@code CREATED}), an existing line that absorbed the changed units ({@code MERGED}, with its
     * new quantity) or the source gone ({@code REMOVED}).
     */
    record ItemModified(Operation operation, Line source, int affectedQuantity,
                        OrderCommand.ItemChanges changes, List<ItemResult> results,
                        String authorizerId, String authorizerName) implements OrderEvent, Approved {}

    enum Operation {
        APPLY_DISCOUNT, REMOVE_DISCOUNT, OVERRIDE_PRICE, CHANGE_OPTIONS, CHANGE_SPEC, CHANGE_NOTE,
        CHANGE_ATTRIBUTES
    }

    enum Action { UNCHANGED, UPDATED, CREATED, MERGED, REMOVED }

    record ItemResult(String instanceId, String productId, String name, int quantity, long price,
                      Percent discountPercent, List<String> options, String spec, String note,
                      Action action) {
        static ItemResult of(Line line, Action action) {
            return new ItemResult(line.instanceId(), line.productId(), line.name(), line.quantity(),
                    line.price(), line.discountPercent(), line.options(), line.spec(), line.note(), action);
        }

        Line toLine() {
            return new Line(instanceId, productId, name, price, quantity, discountPercent, options, spec, note);
        }
    }

    record ItemRemoved(String instanceId, String productId, String name, long price, Percent discountPercent,
                       int quantity, int remainingQuantity, String reason, String authorizerId,
                       String authorizerName) implements OrderEvent, Approved {}

    record PaymentAdded(String paymentId, String method, long amount, Long tendered, Long change,
                        String reference) implements OrderEvent {}

    record PaymentCancelled(String paymentId, String method, long amount, String reason, String authorizerId,
                            String authorizerName) implements OrderEvent, Approved {}

    /** A part payment: for the listed units (each with its value) or, with no items, an amount. */
    record OrderSplit(String paymentId, String paymentMethod, long splitAmount, List<SplitLine> items)
            implements OrderEvent {}

    record SplitLine(String instanceId, String name, int quantity, long amount) {}

    /** The order left its table (null for a counter order); always followed by {@link OrderMoved}. */
    record OrderMovedOut(String fromTableId, String fromTableName, String toTableId, String toTableName)
            implements OrderEvent {}

    /** The order now stands at the target table, in its zone, with that zone's surcharge. */
    record OrderMoved(String fromTableId, String fromTableName, String toTableId, String toTableName,
                      String zoneId, Percent surchargePercent) implements OrderEvent {}

    /** On the source order: its lines and standing payments went to the target; it is now MERGED. */
    record OrderMergedOut(String targetOrderId, String targetTableId, String targetTableName, List<Line> items,
                          List<Payment> payments) implements OrderEvent {}

    /** On the target order: the source's lines (merged by instance id) and payments arrived. */
    record OrderMerged(String sourceOrderId, String sourceTableId, String sourceTableName, List<Line> items,
                       List<Payment> payments) implements OrderEvent {}

    record SurchargeExemptSet(boolean exempt, String authorizerId, String authorizerName)
            implements OrderEvent, Approved {}

    /** Only the fields that changed are set. */
    record OrderInfoUpdated(Integer guestCount, String note, String tableName) implements OrderEvent {}

    record OrderCompleted(String receiptNumber, long total, long paidTotal) implements OrderEvent {}

    record OrderVoided(String reason, String authorizerId, String authorizerName)
            implements OrderEvent, Approved {}
}
