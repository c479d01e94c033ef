package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.wire.Json;
import java.util.Objects;

/**
 * One change of one resource, as written: the item before (null when created) and after (null when
 * deleted), the type's new version, and who made it when. It is the unit of everything the node
 * persists and announces about resources: the item, the version and the change-log entry are
 * written together, then {@link #syncJson()} is published.
 */
public record ResourceChange(ResourceType type, Action action, ResourceItem before, ResourceItem after,
                             ResourceVersion version, String operatorId, String operatorName, long timestamp) {

    /** What happened to the item; the wire values are lower case (PROTOCOL.md §3). */
    public enum Action {
        CREATED, UPDATED, DELETED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ResourceChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(operatorName, "operatorName");
        if ((before == null) != (action == Action.CREATED) || (after == null) != (action == Action.DELETED)) {
            throw new IllegalArgumentException(action + " needs " + (action == Action.CREATED ? "no item before"
                    : "the item before") + " and " + (action == Action.DELETED ? "no item after" : "the item after"));
        }
        if (after != null && !after.version().equals(version)) {
            throw new IllegalArgumentException("the changed item carries version " + after.version()
                    + ", the change " + version);
        }
    }

    public String id() {
        return after != null ? after.id() : before.id();
    }

    /** ResourceSync (PROTOCOL.md §3): {@code {resource, action, id, version, data}}, without secrets. */
    public ObjectNode syncJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("resource", type.wireName());
        json.put("action", action.wireName());
        json.put("id", id());
        json.put("version", version.value());
        json.set("data", after == null ? json.nullNode() : after.toJson());
        return json;
    }

    /**
     * The change-log entry: the ResourceSync plus the audit — {@code before} (without secrets),
     * {@code operator_id}, {@code operator_name}, {@code timestamp}, and for employees
     * {@code pin_changed}, which tells that a PIN was set without anything of it.
     */
    public ObjectNode logJson() {
        ObjectNode json = syncJson();
        json.set("before", before == null ? json.nullNode() : before.toJson());
        json.put("operator_id", operatorId);
        json.put("operator_name", operatorName);
        json.put("timestamp", timestamp);
        if (type == ResourceType.EMPLOYEE) {
            json.put("pin_changed", after != null
                    && !Objects.equals(after.fields().get(ResourceItem.PIN_HASH),
                            before == null ? null : before.fields().get(ResourceItem.PIN_HASH)));
        }
        return json;
    }
}
