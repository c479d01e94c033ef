package com.redcoral.edge.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The permissions of PROTOCOL.md §5 that a role may hold, with their wire names. */
public enum Permission {
    ORDER_DISCOUNT("order.discount"),
    ORDER_PRICE_OVERRIDE("order.price_override"),
    ORDER_REMOVE_ITEM("order.remove_item"),
    ORDER_CANCEL_PAYMENT("order.cancel_payment"),
    ORDER_VOID("order.void"),
    ORDER_SURCHARGE_EXEMPT("order.surcharge_exempt"),
    RESOURCES_MANAGE("resources.manage");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Permission fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown permission " + name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
