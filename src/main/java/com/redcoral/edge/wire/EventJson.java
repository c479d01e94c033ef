package com.redcoral.edge.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.RecordedEvent;

/** The OrderEvent envelope of PROTOCOL.md §2 in JSON: {@code event_type} from the registry, {@code payload} by type. */
public final class EventJson {

    private EventJson() {}

    /** The wire shape, field order as in the protocol. */
    private record Wire(String eventId, long sequence, String orderId, long timestamp, String operatorId,
                        String operatorName, String commandId, String eventType, int schemaVersion, String hash,
                        JsonNode payload) {}

    public static JsonNode toTree(RecordedEvent e) {
        return Json.MAPPER.valueToTree(new Wire(e.eventId(), e.sequence(), e.orderId(), e.timestamp(),
                e.operatorId(), e.operatorName(), e.commandId(), e.type().name(), e.schemaVersion(), e.hash(),
                Json.MAPPER.valueToTree(e.payload())));
    }

    public static String write(RecordedEvent e) {
        try {
            // Through the mapper, not JsonNode.toString(), so decimals stay plain (50, not 5E+1).
            return Json.MAPPER.writeValueAsString(toTree(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("an event always serialises", ex);
        }
    }

    public static RecordedEvent read(String json) {
        try {
            return fromTree(Json.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an order event: " + e.getOriginalMessage(), e);
        }
    }

    public static RecordedEvent fromTree(JsonNode tree) {
        try {
            Wire w = Json.MAPPER.treeToValue(tree, Wire.class);
            if (w.orderId() == null || w.payload() == null || w.payload().isNull()) {
                throw new IllegalArgumentException("not an order event: order_id and payload are required");
            }
            EventType type = EventType.named(w.eventType()).orElseThrow(() ->
                    new IllegalArgumentException("unknown event_type " + w.eventType()));
            OrderEvent payload = Json.MAPPER.treeToValue(w.payload(), type.payloadClass());
            return new RecordedEvent(w.eventId(), w.sequence(), w.orderId(), w.timestamp(), w.operatorId(),
                    w.operatorName(), w.commandId(), w.schemaVersion(), w.hash(), payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an order event: " + e.getOriginalMessage(), e);
        }
    }
}
