package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * A ResourceCommand (PROTOCOL.md §3) whose envelope has been checked: a known type and action, an id
 * where one is needed, {@code data} for create and update, and the operator. The fields of
 * {@code data} are checked by {@link ResourceDecider} against the type's schema and the store.
 * {@code data} may hold an employee's new {@code pin} in clear text, already checked to be 4 to 8
 * digits; the node hashes it before deciding, and nothing else ever reads it. {@link #toString()}
 * shows neither PIN.
 *
 * @param id              the item's id; null on create means the node makes one
 * @param data            the fields (create), the fields to change (update, a JSON merge patch), null (delete)
 * @param expectedVersion the item's version the sender last saw, or null to change it whatever it is
 */
public record ResourceCommand(ResourceType type, Action action, String id, ObjectNode data,
                              ResourceVersion expectedVersion, String operatorId, String operatorPin) {

    /** The field of {@code data} that carries an employee's new PIN. */
    public static final String PIN = "pin";

    public enum Action {
        CREATE, UPDATE, DELETE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ResourceCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(operatorId, "operatorId");
        if (action != Action.CREATE && id == null) {
            throw new IllegalArgumentException(action.wireName() + " needs an id");
        }
        if ((action == Action.DELETE) != (data == null)) {
            throw new IllegalArgumentException(action.wireName() + (data == null ? " needs data" : " takes no data"));
        }
    }

    /** The new PIN in clear text, when {@code data} sets one for an employee (nothing else has a PIN). */
    public String newPin() {
        return type == ResourceType.EMPLOYEE && data != null && data.path(PIN).isTextual()
                ? data.get(PIN).textValue() : null;
    }

    @Override
    public String toString() {
        ObjectNode shown = data == null ? null : data.deepCopy();
        if (shown != null && shown.has(PIN)) {
            shown.put(PIN, "(hidden)");
        }
        return "ResourceCommand[" + action.wireName() + " " + type + " " + id + ", expected_version="
                + expectedVersion + ", operator_id=" + operatorId + ", data=" + shown + "]";
    }
}
