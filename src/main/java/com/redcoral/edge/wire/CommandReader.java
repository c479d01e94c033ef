package com.redcoral.edge.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.OrderCommand;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Reads an OrderCommand from JSON, strictly: a missing or mistyped field, a float for money, an
 * out-of-range value or an unknown {@code type} throws {@link InvalidField} naming the field by
 * its path ({@code payload.items[0].quantity}), which the node answers with INVALID_COMMAND.
 */
public final class CommandReader {

    private CommandReader() {}

    public static CommandEnvelope read(String json) {
        return read(Json.body(json));
    }

    public static CommandEnvelope read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidField("body", "must be a JSON object");
        }
        String commandId = text(body, "command_id", true);
        long timestamp = integer(body, "timestamp");
        String operatorId = text(body, "operator_id", true);
        String operatorName = text(body, "operator_name", false);
        String typeName = text(body, "type", true);
        CommandType type = CommandType.named(typeName).orElseThrow(() -> new InvalidField("type",
                "unknown command type " + typeName + "; expected one of " + List.of(CommandType.values())));
        String authorizerId = text(body, "authorizer_id", false);
        String authorizerPin = text(body, "authorizer_pin", false);
        if (authorizerPin != null && authorizerId == null) {
            throw new InvalidField("authorizer_id", "is required with authorizer_pin");
        }
        JsonNode payload = body.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new InvalidField("payload", payload == null || payload.isNull() ? "is required"
                    : "must be a JSON object");
        }
        return new CommandEnvelope(commandId, timestamp, operatorId, operatorName, type,
                payload(payload, type), authorizerId, authorizerPin);
    }

    private static OrderCommand payload(JsonNode payload, CommandType type) {
        try {
            return Json.MAPPER.treeToValue(payload, type.payloadClass());
        } catch (JsonMappingException e) {
            throw invalid("payload" + path(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidField("payload", e.getOriginalMessage());
        }
    }

    /** Turns Jackson's complaint into one that names the field and says what was expected. */
    private static InvalidField invalid(String path, JsonMappingException e) {
        if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidField field) {
            // A record names its own fields; when the failing field is the record itself, the path has it.
            boolean pathNamesField = path.equals(field.field()) || path.endsWith("." + field.field());
            String at = pathNamesField ? path : path + "." + field.field();
            return new InvalidField(at, field.problem());
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException cause) {
            return new InvalidField(path, cause.getMessage());
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) e).getTargetType();
            return new InvalidField(path, "expected " + describe(target));
        }
        return new InvalidField(path, e.getOriginalMessage());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class
                || type == BigInteger.class) {
            return "a whole number (money in minor units, quantities as integers)";
        }
        if (type == BigDecimal.class || type.getSimpleName().equals("Percent")) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidField(field, "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidField(field, "expected a string");
        }
        if (required && node.asText().isBlank()) {
            throw new InvalidField(field, "is required");
        }
        if (node.asText().length() > 128) {
            throw new InvalidField(field, "must be at most 128 characters");
        }
        return node.asText();
    }

    private static long integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidField(field, "is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw new InvalidField(field, "expected a whole number of epoch milliseconds");
        }
        return node.asLong();
    }
}
