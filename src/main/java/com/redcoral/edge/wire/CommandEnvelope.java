package com.redcoral.edge.wire;

import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.OrderCommand;

/**
 * An OrderCommand as it arrives on {@code pos.orders.command} (PROTOCOL.md §2): who sends what,
 * with an idempotency key. {@code timestamp} is the terminal's clock, kept for the audit; events
 * carry the node's. {@link #toString()} never shows the authorizer's PIN.
 */
public record CommandEnvelope(String commandId, long timestamp, String operatorId, String operatorName,
                              CommandType type, OrderCommand payload, String authorizerId,
                              String authorizerPin) {

    @Override
    public String toString() {
        return "CommandEnvelope[command_id=" + commandId + ", type=" + type + ", operator_id=" + operatorId
                + ", authorizer_id=" + authorizerId + ", payload=" + payload + "]";
    }
}
