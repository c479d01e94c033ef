package com.redcoral.edge.order;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of event wire names ({@code event_type}), never derived from class names. */
public enum EventType {
    TABLE_OPENED(OrderEvent.TableOpened.class),
    ITEMS_ADDED(OrderEvent.ItemsAdded.class),
    ITEM_MODIFIED(OrderEvent.ItemModified.class),
    ITEM_REMOVED(OrderEvent.ItemRemoved.class),
    PAYMENT_ADDED(OrderEvent.PaymentAdded.class),
    PAYMENT_CANCELLED(OrderEvent.PaymentCancelled.class),
    ORDER_SPLIT(OrderEvent.OrderSplit.class),
    ORDER_MOVED_OUT(OrderEvent.OrderMovedOut.class),
    ORDER_MOVED(OrderEvent.OrderMoved.class),
    ORDER_MERGED_OUT(OrderEvent.OrderMergedOut.class),
    ORDER_MERGED(OrderEvent.OrderMerged.class),
    SURCHARGE_EXEMPT_SET(OrderEvent.SurchargeExemptSet.class),
    ORDER_INFO_UPDATED(OrderEvent.OrderInfoUpdated.class),
    ORDER_COMPLETED(OrderEvent.OrderCompleted.class),
    ORDER_VOIDED(OrderEvent.OrderVoided.class);

    /** The payload schema version written with every event; raised when a payload changes shape. */
    public static final int SCHEMA_VERSION = 1;

    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(t -> t.payloadClass, Function.identity()));
    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final Class<? extends OrderEvent> payloadClass;

    EventType(Class<? extends OrderEvent> payloadClass) {
        this.payloadClass = payloadClass;
    }

    public Class<? extends OrderEvent> payloadClass() {
        return payloadClass;
    }

    public static EventType of(OrderEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    public static Optional<EventType> named(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(wireName));
    }
}
