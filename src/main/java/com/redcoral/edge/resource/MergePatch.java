package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.wire.Json;

/**
 * JSON merge patch (RFC 7386), the meaning of an update's {@code data}: a member set to null removes
 * the field, an object is merged into the field's object, anything else (arrays included) replaces
 * the field. Neither the target nor the patch is modified; the result shares no node with either.
 */
final class MergePatch {

    private MergePatch() {}

    static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        return (ObjectNode) merge(target, patch);
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : Json.MAPPER.createObjectNode();
        patch.properties().forEach(member -> {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), merge(result.get(member.getKey()), member.getValue()));
            }
        });
        return result;
    }
}
