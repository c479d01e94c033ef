package com.redcoral.edge.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.resource.ResourceChange.Action;
import com.redcoral.edge.wire.Json;

/**
 * Makes real {@link ResourceChange}s the way the node's writer does: each carries its type's next
 * version and the item it replaces, both taken from {@link #state()}, which is folded with every
 * change handed out and so is what a store must hold once they are all written. Not thread-safe.
 */
public final class ResourceFixture {

    public static final long START = 1_737_270_000_000L;
    /** The form {@link PinHash} writes, with one iteration: cheap to use, and no real PIN's hash. */
    public static final String PIN_HASH = "pbkdf2-sha256$1$c2FsdA$aGFzaA";
    public static final String OTHER_PIN_HASH = "pbkdf2-sha256$1$cGVwcGVy$b3RoZXI";

    private ResourceState state = ResourceState.empty();
    private long clock = START;

    public ResourceState state() {
        return state;
    }

    public ResourceChange create(ResourceType type, String id, ObjectNode fields) {
        return record(type, Action.CREATED, null, id, fields);
    }

    public ResourceChange update(ResourceType type, String id, ObjectNode fields) {
        return record(type, Action.UPDATED, state.item(type, id).orElseThrow(), id, fields);
    }

    public ResourceChange delete(ResourceType type, String id) {
        return record(type, Action.DELETED, state.item(type, id).orElseThrow(), id, null);
    }

    public static ObjectNode named(String name) {
        return Json.MAPPER.createObjectNode().put("name", name);
    }

    public static ObjectNode product(String name, int price) {
        return named(name).put("price", price);
    }

    public static ObjectNode employee(String name, String pinHash) {
        return named(name).put("role_id", "cashier").put(ResourceItem.PIN_HASH, pinHash);
    }

    /** The JSON text of {@code json}: how a test compares trees whose numbers may be int or long nodes. */
    public static String text(JsonNode json) {
        try {
            return Json.MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResourceChange record(ResourceType type, Action action, ResourceItem before, String id, ObjectNode fields) {
        ResourceVersion version = state.version(type).next();
        ResourceItem after = fields == null ? null : new ResourceItem(id, version, fields);
        ResourceChange change = new ResourceChange(type, action, before, after, version, "e-ana", "Ana", clock++);
        state = state.apply(change);
        return change;
    }
}
