package com.redcoral.edge.wire;

import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Rejection;

/**
 * The answer to an OrderCommand (PROTOCOL.md §2): success and the order it concerned, or the
 * error. It carries no order state; terminals learn the new state from the events. The ledger
 * keeps the first response of every command id and answers a repeat with {@link #asDuplicate()}.
 */
public record CommandResponse(String commandId, boolean success, String orderId, boolean duplicate, Error error) {

    /** The {@code error} object: a wire code and a message for people. */
    public record Error(String code, String message) {}

    public static CommandResponse accepted(String commandId, String orderId) {
        return new CommandResponse(commandId, true, orderId, false, null);
    }

    public static CommandResponse rejected(String commandId, Rejection rejection) {
        return rejected(commandId, rejection.code(), rejection.message());
    }

    public static CommandResponse rejected(String commandId, ErrorCode code, String message) {
        return new CommandResponse(commandId, false, null, false, new Error(code.name(), message));
    }

    public CommandResponse asDuplicate() {
        return new CommandResponse(commandId, success, orderId, true, error);
    }
}
