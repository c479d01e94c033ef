package com.redcoral.edge.order;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of command wire names ({@code type}), never derived from class names. */
public enum CommandType {
    OPEN_TABLE(OrderCommand.OpenTable.class),
    ADD_ITEMS(OrderCommand.AddItems.class),
    MODIFY_ITEM(OrderCommand.ModifyItem.class),
    REMOVE_ITEM(OrderCommand.RemoveItem.class),
    ADD_PAYMENT(OrderCommand.AddPayment.class),
    CANCEL_PAYMENT(OrderCommand.CancelPayment.class),
    SPLIT_ORDER(OrderCommand.SplitOrder.class),
    MOVE_ORDER(OrderCommand.MoveOrder.class),
    MERGE_ORDERS(OrderCommand.MergeOrders.class),
    SET_SURCHARGE_EXEMPT(OrderCommand.SetSurchargeExempt.class),
    UPDATE_ORDER_INFO(OrderCommand.UpdateOrderInfo.class),
    COMPLETE_ORDER(OrderCommand.CompleteOrder.class),
    VOID_ORDER(OrderCommand.VoidOrder.class);

    private static final Map<Class<?>, CommandType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> t.payloadClass, Function.identity()));

    private final Class<? extends OrderCommand> payloadClass;

    CommandType(Class<? extends OrderCommand> payloadClass) {
        this.payloadClass = payloadClass;
    }

    public Class<? extends OrderCommand> payloadClass() {
        return payloadClass;
    }

    public static CommandType of(OrderCommand command) {
        return BY_CLASS.get(command.getClass());
    }

    public static Optional<CommandType> named(String wireName) {
        return Arrays.stream(values()).filter(t -> t.name().equals(wireName)).findFirst();
    }
}
