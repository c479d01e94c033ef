package com.redcoral.edge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.resource.ResourceCommand;
import com.redcoral.edge.resource.ResourceCommand.Action;
import com.redcoral.edge.resource.ResourceSchema;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a ResourceCommand (PROTOCOL.md §3) from JSON, as strictly as {@link CommandReader}: a
 * duplicate key, trailing content, a missing or mistyped field throws {@link InvalidField} naming the
 * field, which the node answers with INVALID_COMMAND; unknown top-level keys are ignored.
 *
 * <p>This checks the envelope, and that {@code operator_pin} and a {@code data.pin} are 4 to 8 digits
 * (before the node hashes them). The fields of {@code data} — who may have a PIN, {@code pin_hash}
 * never accepted — are the decider's to check against the type's schema and the store. {@code data} comes
 * back without {@code id} (which must agree with the command's {@code id}, or gives it on a create)
 * and {@code version} (the node's to set).
 *
 * <p>No message ever holds a PIN: they say what was expected, never what was sent, and a body that
 * is not JSON is answered with where it broke, not with Jackson's quote of it.
 */
public final class ResourceCommandReader {

    private static final int MAX_OPERATOR_ID = 128;
    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");
    private static final String PIN_RULE = "must be 4 to 8 digits";

    private ResourceCommandReader() {}

    public static ResourceCommand read(String json) {
        return read(Json.body(json));
    }

    /** Reads a parsed body; {@code body} is not modified. */
    public static ResourceCommand read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidField("body", "must be a JSON object");
        }
        ResourceType type = ResourceType.fromWireName(textOrNull(body, "resource"))
                .orElseThrow(() -> new InvalidField("resource", "must be one of " + ResourceType.wireNames()));
        Action action = action(body);
        String id = id(body, "id");
        if (id == null && action != Action.CREATE) {
            throw new InvalidField("id", "is required for " + action.wireName());
        }
        ResourceVersion expectedVersion = expectedVersion(body);
        String operatorId = operatorId(body);
        String operatorPin = pin(body.get("operator_pin"), "operator_pin");
        ObjectNode data = null;
        if (action != Action.DELETE) {
            data = data(body, action);
            JsonNode dataId = data.remove("id");
            data.remove("version");
            if (dataId != null) {
                String given = ResourceSchema.requireId("data.id", dataId.isTextual() ? dataId.textValue() : null);
                if (id != null && !id.equals(given)) {
                    throw new InvalidField("data.id", "must be the same as id");
                }
                id = given;
            }
        }
        return new ResourceCommand(type, action, id, data, expectedVersion, operatorId, operatorPin);
    }

    private static Action action(JsonNode body) {
        String name = textOrNull(body, "action");
        return Arrays.stream(Action.values()).filter(a -> a.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new InvalidField("action", "must be one of " + Arrays.stream(Action.values())
                        .map(Action::wireName).collect(Collectors.joining(", "))));
    }

    private static String id(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return ResourceSchema.requireId(field, node.isTextual() ? node.textValue() : null);
    }

    private static ResourceVersion expectedVersion(JsonNode body) {
        JsonNode node = body.get("expected_version");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new InvalidField("expected_version", "must be a whole number of 0 or more");
        }
        return ResourceVersion.of(node.longValue());
    }

    private static String operatorId(JsonNode body) {
        JsonNode node = body.get("operator_id");
        if (node == null || node.isNull() || node.isTextual() && node.textValue().isBlank()) {
            throw new InvalidField("operator_id", "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidField("operator_id", "must be a string");
        }
        if (node.textValue().length() > MAX_OPERATOR_ID) {
            throw new InvalidField("operator_id", "must be at most " + MAX_OPERATOR_ID + " characters");
        }
        return node.textValue();
    }

    /** A PIN of 4 to 8 ASCII digits; the messages never quote it. */
    private static String pin(JsonNode node, String field) {
        if (node == null) {
            throw new InvalidField(field, "is required");
        }
        if (!node.isTextual() || !PIN.matcher(node.textValue()).matches()) {
            throw new InvalidField(field, PIN_RULE);
        }
        return node.textValue();
    }

    /**
     * A copy of {@code data}. Its {@code pin} is checked here, before the node hashes it; who may have
     * a PIN, and {@code pin_hash}, are the decider's rules.
     */
    private static ObjectNode data(JsonNode body, Action action) {
        JsonNode node = body.get("data");
        if (node == null || node.isNull()) {
            throw new InvalidField("data", "is required for " + action.wireName());
        }
        if (!node.isObject()) {
            throw new InvalidField("data", "must be a JSON object");
        }
        ObjectNode data = ((ObjectNode) node).deepCopy();
        if (data.has(ResourceCommand.PIN)) {
            pin(data.get(ResourceCommand.PIN), "data." + ResourceCommand.PIN);
        }
        return data;
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
