package com.redcoral.edge.order;

import java.util.Objects;

/**
 * An event as the ledger committed it: the OrderEvent envelope of PROTOCOL.md §2 around a
 * payload. {@code sequence} is global and gap-free; {@code hash} chains the log (computed by the
 * ledger). The wire {@code event_type} is {@link #type()}, from the registry.
 */
public record RecordedEvent(String eventId, long sequence, String orderId, long timestamp, String operatorId,
                            String operatorName, String commandId, int schemaVersion, String hash,
                            OrderEvent payload) {

    public RecordedEvent {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(payload, "payload");
    }

    public EventType type() {
        return EventType.of(payload);
    }
}
