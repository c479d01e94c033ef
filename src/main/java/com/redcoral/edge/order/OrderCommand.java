package com.redcoral.edge.order;

import static com.redcoral.edge.order.Require.MAX_ITEMS;
import static com.redcoral.edge.order.Require.MAX_NAME;
import static com.redcoral.edge.order.Require.MAX_TEXT;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a terminal asks of an order (PROTOCOL.md §2, the {@code payload} of an OrderCommand). Each
 * record checks its own fields when built, so an invalid command cannot exist; rules that depend
 * on the state of the store are the decider's. Wire names live in {@link CommandType}.
 */
public sealed interface OrderCommand {

    /** The order the command acts on; for {@link MergeOrders} the target, for {@link OpenTable} none. */
    String orderId();

    /** Opens an order at a table, or a counter order when no table is named. */
    record OpenTable(String tableId, String tableName, String zoneId, Integer guestCount, String note)
            implements OrderCommand {
        public OpenTable {
            Require.text("table_id", tableId, Require.MAX_ID);
            Require.text("table_name", tableName, MAX_NAME);
            Require.text("zone_id", zoneId, Require.MAX_ID);
            Require.guests("guest_count", guestCount);
            Require.text("note", note, MAX_TEXT);
        }

        @Override
        public String orderId() {
            return null;
        }
    }

    record AddItems(String orderId, List<CartItem> items) implements OrderCommand {
        public AddItems {
            Require.id("order_id", orderId);
            items = Require.list("items", items, 1, MAX_ITEMS);
        }
    }

    /** One product to add; name and price come from the catalog unless a price is given (an override). */
    record CartItem(String productId, String name, Long price, Integer quantity, Percent discountPercent,
                    List<String> options, String spec, String note) {
        public CartItem {
            Require.id("product_id", productId);
            Require.text("name", name, MAX_NAME);
            Require.optionalAmount("price", price, 0);
            Require.quantity("quantity", quantity);
            options = Require.options("options", options);
            Require.text("spec", spec, MAX_NAME);
            Require.text("note", note, MAX_TEXT);
        }
    }

    record ModifyItem(String orderId, String instanceId, Integer affectedQuantity, ItemChanges changes)
            implements OrderCommand {
        public ModifyItem {
            Require.id("order_id", orderId);
            Require.id("instance_id", instanceId);
            Require.optionalQuantity("affected_quantity", affectedQuantity);
            if (changes == null) {
                throw new InvalidField("changes", "is required");
            }
        }
    }

    /** The attributes to change on an order line; absent ones stay as they are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemChanges(Long price, Percent discountPercent, List<String> options, String spec, String note) {
        public ItemChanges {
            Require.optionalAmount("price", price, 0);
            options = Require.options("options", options);
            Require.text("spec", spec, MAX_NAME);
            Require.text("note", note, MAX_TEXT);
            if (price == null && discountPercent == null && options == null && spec == null && note == null) {
                throw new InvalidField("changes", "must name at least one of price, discount_percent, "
                        + "options, spec, note");
            }
        }
    }

    record RemoveItem(String orderId, String instanceId, Integer quantity, String reason)
            implements OrderCommand {
        public RemoveItem {
            Require.id("order_id", orderId);
            Require.id("instance_id", instanceId);
            Require.optionalQuantity("quantity", quantity);
            Require.text("reason", reason, MAX_TEXT);
        }
    }

    record AddPayment(String orderId, String method, Long amount, Long tendered, String reference)
            implements OrderCommand {
        public AddPayment {
            Require.id("order_id", orderId);
            Require.present("method", method, Require.MAX_ID);
            Require.amount("amount", amount, 1);
            Require.optionalAmount("tendered", tendered, 1);
            Require.text("reference", reference, MAX_NAME);
            if (tendered != null && tendered < amount) {
                throw new InvalidField("tendered", "must be at least the amount " + amount + ", was " + tendered);
            }
        }
    }

    record CancelPayment(String orderId, String paymentId, String reason) implements OrderCommand {
        public CancelPayment {
            Require.id("order_id", orderId);
            Require.id("payment_id", paymentId);
            Require.present("reason", reason, MAX_TEXT);
        }
    }

    /** Pays part of an order: for the listed units (whose value must equal the amount), or an amount. */
    record SplitOrder(String orderId, Long splitAmount, String paymentMethod, List<SplitItem> items)
            implements OrderCommand {
        public SplitOrder {
            Require.id("order_id", orderId);
            Require.amount("split_amount", splitAmount, 1);
            Require.present("payment_method", paymentMethod, Require.MAX_ID);
            items = Require.list("items", items, 0, MAX_ITEMS);
            if (items == null) {
                items = List.of();
            }
        }
    }

    record SplitItem(String instanceId, Integer quantity) {
        public SplitItem {
            Require.id("instance_id", instanceId);
            Require.quantity("quantity", quantity);
        }
    }

    record MoveOrder(String orderId, String targetTableId, String targetTableName) implements OrderCommand {
        public MoveOrder {
            Require.id("order_id", orderId);
            Require.id("target_table_id", targetTableId);
            Require.text("target_table_name", targetTableName, MAX_NAME);
        }
    }

    record MergeOrders(String sourceOrderId, String targetOrderId) implements OrderCommand {
        public MergeOrders {
            Require.id("source_order_id", sourceOrderId);
            Require.id("target_order_id", targetOrderId);
        }

        @Override
        public String orderId() {
            return targetOrderId;
        }
    }

    record SetSurchargeExempt(String orderId, Boolean exempt) implements OrderCommand {
        public SetSurchargeExempt {
            Require.id("order_id", orderId);
            if (exempt == null) {
                throw new InvalidField("exempt", "is required");
            }
        }
    }

    record UpdateOrderInfo(String orderId, Integer guestCount, String note, String tableName)
            implements OrderCommand {
        public UpdateOrderInfo {
            Require.id("order_id", orderId);
            Require.guests("guest_count", guestCount);
            Require.text("note", note, MAX_TEXT);
            Require.text("table_name", tableName, MAX_NAME);
            if (guestCount == null && note == null && tableName == null) {
                throw new InvalidField("payload", "must name at least one of guest_count, note, table_name");
            }
        }
    }

    record CompleteOrder(String orderId, String receiptNumber) implements OrderCommand {
        public CompleteOrder {
            Require.id("order_id", orderId);
            Require.present("receipt_number", receiptNumber, Require.MAX_ID);
        }
    }

    record VoidOrder(String orderId, String reason) implements OrderCommand {
        public VoidOrder {
            Require.id("order_id", orderId);
            Require.present("reason", reason, MAX_TEXT);
        }
    }
}
