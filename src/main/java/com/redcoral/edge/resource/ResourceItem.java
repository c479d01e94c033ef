package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.wire.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored resource: its id, the version of its last change and its fields (everything but
 * {@code id} and {@code version}). An employee's fields hold {@code pin_hash}, which only the node
 * reads: {@link #toJson()} — the form of every reply, sync message and change-log entry — leaves it
 * out, and only {@link #toStoredJson()} keeps it.
 *
 * <p>{@code fields} is never modified once the item exists; a change makes a new item.
 */
public record ResourceItem(String id, ResourceVersion version, ObjectNode fields) {

    /** The fields that never leave the node. */
    public static final String PIN_HASH = "pin_hash";

    public ResourceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fields, "fields");
    }

    /** A field's value, empty when absent or JSON null. */
    public Optional<JsonNode> field(String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A text field's value, empty when absent, null or not text. */
    public Optional<String> text(String name) {
        return field(name).filter(JsonNode::isTextual).map(JsonNode::textValue);
    }

    /** {@code {id, version, …fields}} without secrets: what terminals see. */
    public ObjectNode toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("version", version.value());
        fields.properties().forEach(field -> {
            if (!field.getKey().equals(PIN_HASH)) {
                json.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        return json;
    }

    /** {@code {id, version, fields}} with secrets, for the store only. */
    public ObjectNode toStoredJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.put("version", version.value());
        json.set("fields", fields.deepCopy());
        return json;
    }

    /** Reads what {@link #toStoredJson()} wrote. */
    public static ResourceItem fromStoredJson(JsonNode json) {
        if (!(json.get("fields") instanceof ObjectNode fields) || !json.path("id").isTextual()
                || !json.path("version").canConvertToLong()) {
            throw new IllegalArgumentException("not a stored resource item: " + json);
        }
        return new ResourceItem(json.get("id").textValue(), ResourceVersion.of(json.get("version").longValue()),
                fields);
    }
}
