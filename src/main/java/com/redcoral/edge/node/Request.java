package com.redcoral.edge.node;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/**
 * The JSON body of a request on a non-command address, read strictly: a missing or mistyped field
 * throws {@link IllegalArgumentException} naming it, answered with INVALID_REQUEST (PROTOCOL.md §1).
 */
record Request(Message<Object> message, JsonObject body) {

    static Request of(Message<Object> message) {
        return new Request(message, message.body() instanceof JsonObject json ? json : null);
    }

    String text(String field) {
        Object value = field(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "is required" : "expected a string"));
        }
        return s;
    }

    /** A string that may be absent (null); present, it must be a non-blank string. */
    String optionalText(String field) {
        return field(field) == null ? null : text(field);
    }

    /** A sequence number (a whole number from 0); -1 when optional and absent. */
    long sequence(String field, boolean required) {
        Object value = field(field);
        if (value == null && !required) {
            return -1;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw new IllegalArgumentException(field + ": " + (value == null ? "is required"
                    : "expected a whole number from 0"));
        }
        return ((Number) value).longValue();
    }

    void invalid(IllegalArgumentException problem) {
        message.reply(WireJson.error("INVALID_REQUEST", problem.getMessage()));
    }

    private Object field(String field) {
        if (body == null) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
        return body.getValue(field);
    }
}
