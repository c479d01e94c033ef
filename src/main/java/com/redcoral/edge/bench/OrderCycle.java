package com.redcoral.edge.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * One counter order as a till rings up a takeaway: open it, add two units of the product, take
 * cash for exactly the total, complete it. Counter orders carry no surcharge, so two units at the
 * catalog price pay it in full.
 */
final class OrderCycle {

    private static final List<String> STEPS = List.of("OPEN_TABLE", "ADD_ITEMS", "ADD_PAYMENT", "COMPLETE_ORDER");
    private static final int QUANTITY = 2;

    private final LoadProfile profile;
    private final String receiptNumber;
    private String orderId;
    private int step;

    OrderCycle(LoadProfile profile, String receiptNumber) {
        this.profile = profile;
        this.receiptNumber = receiptNumber;
    }

    /** The type of the command this order needs next. */
    String type() {
        return STEPS.get(step);
    }

    /** The next command (PROTOCOL.md §2), with a fresh command id. */
    JsonObject command(long nowMillis) {
        JsonObject payload = switch (step) {
            case 0 -> new JsonObject();
            case 1 -> new JsonObject().put("order_id", orderId).put("items", new JsonArray()
                    .add(new JsonObject().put("product_id", profile.product()).put("quantity", QUANTITY)));
            case 2 -> new JsonObject().put("order_id", orderId).put("method", "cash")
                    .put("amount", QUANTITY * profile.price());
            default -> new JsonObject().put("order_id", orderId).put("receipt_number", receiptNumber);
        };
        return new JsonObject()
                .put("command_id", UUID.randomUUID().toString())
                .put("timestamp", nowMillis)
                .put("operator_id", profile.operator())
                .put("type", type())
                .put("payload", payload);
    }

    /** Takes the ACK of the command last built; true when that completed the order. */
    boolean acknowledged(JsonObject response) {
        if (step == 0) {
            orderId = response.getString("order_id");
        }
        step++;
        return step == STEPS.size();
    }
}
