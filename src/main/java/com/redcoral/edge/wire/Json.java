package com.redcoral.edge.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.redcoral.edge.order.InvalidField;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON configuration of the wire (PROTOCOL.md): snake_case keys, unknown keys ignored,
 * and nothing coerced — a float where an integer belongs, a string where a number belongs, a
 * number where text belongs, a duplicate key or trailing garbage are all errors.
 */
public final class Json {

    /** Thread-safe once built; share it. */
    public static final JsonMapper MAPPER = build();

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private Json() {}

    /** {@code value} as UTF-8 JSON: records and trees the node builds always serialise, so failing is a bug. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Parses a request's body; text that is not JSON is an {@link InvalidField} "body" that does not quote it. */
    public static JsonNode body(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidField("body", syntaxProblem(e));
        }
    }

    /**
     * What is wrong with text that is not JSON, and where — without quoting it, because the broken
     * part may hold a PIN ({@code {"authorizer_pin": 1234x}}) that Jackson's own message would repeat.
     */
    private static String syntaxProblem(JsonProcessingException e) {
        String problem = "is not valid JSON";
        String original = String.valueOf(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            problem += ": the key \"" + duplicate.group(1) + "\" appears twice";
        } else if (original.startsWith("Trailing token")) {
            problem += ": there is more after the object";
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            problem += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return problem;
    }

    private static JsonMapper build() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .serializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer,
                LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual
                            ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }
}
