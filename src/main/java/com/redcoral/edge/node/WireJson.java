package com.redcoral.edge.node;

import com.redcoral.edge.wire.Json;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Wire values (records) as Vert.x JSON for the bus and the bridge, in the one JSON form of {@link Json}. */
final class WireJson {

    private WireJson() {}

    @SuppressWarnings("unchecked")
    static JsonObject of(Object value) {
        return new JsonObject(Json.MAPPER.convertValue(value, Map.class));
    }

    /** The error reply of a non-command address (PROTOCOL.md §1): {@code success: false} and a code. */
    static JsonObject error(String code, String message) {
        return new JsonObject().put("success", false)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }
}
