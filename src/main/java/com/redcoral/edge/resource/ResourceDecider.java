package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.Refusal;
import com.redcoral.edge.resource.ResourceDecision.Accepted;
import com.redcoral.edge.resource.ResourceDecision.Rejected;
import com.redcoral.edge.resource.ResourceSchema.Referrer;
import com.redcoral.edge.wire.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules of a resource change (PROTOCOL.md §3 and §5): {@link #decide} turns a checked {@link
 * ResourceCommand} into one {@link ResourceChange} or a rejection, and {@link ResourceState#apply} is
 * the fold. It is pure: the clock, a fresh id and the hash of a new PIN (PBKDF2 is slow and salted
 * with randomness) come in the {@link Context}; neither the command nor the state is modified.
 *
 * <p>The rules, in the order they are checked:
 * <ol>
 *   <li>the operator's role holds {@code resources.manage} (AUTHORIZATION_REQUIRED);</li>
 *   <li>a create names a free id (RESOURCE_EXISTS), never the employee id {@value #SYSTEM}; an update
 *       or delete names an existing item (RESOURCE_NOT_FOUND);</li>
 *   <li>an {@code expected_version} equals the item's version, 0 when there is no item
 *       (VERSION_CONFLICT);</li>
 *   <li>the item written — {@code data} on create, {@code data} merged onto the fields (RFC 7386) on
 *       update — fits its type's {@link ResourceSchema}, references included (INVALID_COMMAND);</li>
 *   <li>nothing refers to an item that is deleted (RESOURCE_IN_USE);</li>
 *   <li>a change of an employee or a role that had an active employee whose role holds
 *       {@code resources.manage} keeps one (NO_MANAGER_LEFT).</li>
 * </ol>
 * Rule 6 only guards what exists: a new store is built from nothing by creating the role before its
 * first employee.
 */
public final class ResourceDecider {

    /** The employee id the node itself acts as (bootstrap, imports); no employee may take it. */
    public static final String SYSTEM = "system";

    private static final int REFERRERS_SHOWN = 5;

    /**
     * What the node adds to a command.
     *
     * @param now     the change's timestamp, epoch milliseconds
     * @param newId   the id of a created item when the command names none
     * @param pinHash the {@link PinHash} of the employee's new {@code data.pin} (or an existing hash,
     *                for an import by the system); null when no PIN is set. Only employees read it.
     */
    public record Context(long now, String newId, String pinHash) {
        @Override
        public String toString() {
            return "Context[now=" + now + ", newId=" + newId + ", pinHash=" + (pinHash == null ? null : "(hidden)")
                    + "]";
        }
    }

    private ResourceDecider() {}

    /**
     * Decides {@code command}, issued by {@code operator}, against {@code state}. Throws {@link
     * IllegalArgumentException} only when the node broke its side of the contract: a create with no
     * id anywhere, or an employee's new PIN that reached here without its hash.
     */
    public static ResourceDecision decide(ResourceState state, ResourceCommand command, Actor operator,
                                          Context context) {
        try {
            ResourceChange change = change(state, command, operator, context);
            if ((command.type() == ResourceType.EMPLOYEE || command.type() == ResourceType.ROLE)
                    && hasManager(state) && !hasManager(state.apply(change))) {
                throw refuse(ErrorCode.NO_MANAGER_LEFT, "this " + command.action().wireName() + " of "
                        + describe(command.type(), change.id()) + " would leave no active employee whose role holds "
                        + Permission.RESOURCES_MANAGE);
            }
            return new Accepted(change);
        } catch (Refusal refused) {
            return new Rejected(refused.rejection());
        }
    }

    private static ResourceChange change(ResourceState state, ResourceCommand command, Actor operator,
                                         Context context) {
        if (!operator.may(Permission.RESOURCES_MANAGE)) {
            throw refuse(ErrorCode.AUTHORIZATION_REQUIRED, operator.id()
                    + " may not change resources: their role lacks " + Permission.RESOURCES_MANAGE);
        }
        ResourceType type = command.type();
        String id = command.action() == ResourceCommand.Action.CREATE ? newId(state, command, context) : command.id();
        ResourceItem before = command.action() == ResourceCommand.Action.CREATE ? null
                : state.item(type, id).orElseThrow(() -> refuse(ErrorCode.RESOURCE_NOT_FOUND,
                        describe(type, id) + " does not exist"));
        ResourceVersion current = before == null ? ResourceVersion.ZERO : before.version();
        if (command.expectedVersion() != null && !command.expectedVersion().equals(current)) {
            throw refuse(ErrorCode.VERSION_CONFLICT, describe(type, id) + " is at version " + current
                    + (before == null ? " (it does not exist)" : "") + ", not the expected version "
                    + command.expectedVersion());
        }
        ResourceVersion version = state.version(type).next();
        return switch (command.action()) {
            case CREATE, UPDATE -> {
                ResourceItem after = new ResourceItem(id, version, fields(before, command, context));
                try {
                    ResourceSchema.check(type, after, state);
                } catch (InvalidField invalid) {
                    throw refuse(ErrorCode.INVALID_COMMAND, invalid.getMessage());
                }
                yield new ResourceChange(type, before == null ? ResourceChange.Action.CREATED
                        : ResourceChange.Action.UPDATED, before, after, version, operator.id(), operator.name(),
                        context.now());
            }
            case DELETE -> {
                ensureUnused(state, type, id);
                yield new ResourceChange(type, ResourceChange.Action.DELETED, before, null, version, operator.id(),
                        operator.name(), context.now());
            }
        };
    }

    private static String newId(ResourceState state, ResourceCommand command, Context context) {
        String id = command.id() != null ? command.id() : context.newId();
        if (id == null) {
            throw new IllegalArgumentException("a create that names no id needs the context's newId");
        }
        try {
            ResourceSchema.requireId("id", id);
        } catch (InvalidField invalid) {
            throw refuse(ErrorCode.INVALID_COMMAND, invalid.getMessage());
        }
        if (state.item(command.type(), id).isPresent()) {
            throw refuse(ErrorCode.RESOURCE_EXISTS, describe(command.type(), id) + " already exists");
        }
        if (command.type() == ResourceType.EMPLOYEE && id.equals(SYSTEM)) {
            throw refuse(ErrorCode.INVALID_COMMAND, "id: \"" + SYSTEM + "\" is reserved for the node itself");
        }
        return id;
    }

    /**
     * The fields the change writes, built from copies. An employee's {@code pin} never becomes a field:
     * its hash, from the context, does; without one an update keeps the old hash.
     */
    private static ObjectNode fields(ResourceItem before, ResourceCommand command, Context context) {
        ObjectNode patch = command.data().deepCopy();
        if (patch.has(ResourceItem.PIN_HASH)) {
            throw refuse(ErrorCode.INVALID_COMMAND, "data." + ResourceItem.PIN_HASH + ": is set by the node; send "
                    + ResourceCommand.PIN);
        }
        boolean employee = command.type() == ResourceType.EMPLOYEE;
        if (employee) {
            if (patch.has(ResourceCommand.PIN) && context.pinHash() == null) {
                throw new IllegalArgumentException("the new PIN of employee " + command.id()
                        + " must be hashed before it is decided");
            }
            patch.remove(ResourceCommand.PIN);
        }
        // A create is a patch onto nothing, so a null field is left out there as it is removed by an update.
        ObjectNode fields = MergePatch.apply(before == null ? Json.MAPPER.createObjectNode() : before.fields(), patch);
        if (employee && context.pinHash() != null) {
            fields.put(ResourceItem.PIN_HASH, context.pinHash());
        }
        if (employee && before == null && context.pinHash() == null) {
            throw refuse(ErrorCode.INVALID_COMMAND, "data." + ResourceCommand.PIN + ": is required for a new employee");
        }
        return fields;
    }

    private static void ensureUnused(ResourceState state, ResourceType type, String id) {
        List<Referrer> referrers = ResourceSchema.referrers(state, type, id);
        if (referrers.isEmpty()) {
            return;
        }
        String shown = referrers.stream().limit(REFERRERS_SHOWN).map(Referrer::toString)
                .collect(Collectors.joining(", "));
        int more = referrers.size() - REFERRERS_SHOWN;
        throw refuse(ErrorCode.RESOURCE_IN_USE, describe(type, id) + " is still referred to by " + shown
                + (more > 0 ? " and " + more + " more" : ""));
    }

    /** Whether an active employee's role holds {@code resources.manage}. */
    private static boolean hasManager(ResourceState state) {
        return state.items(ResourceType.EMPLOYEE).stream()
                .filter(ResourceSchema::isActive)
                .flatMap(employee -> employee.text("role_id").flatMap(role -> state.item(ResourceType.ROLE, role)).stream())
                .anyMatch(role -> ResourceSchema.permissions(role).contains(Permission.RESOURCES_MANAGE));
    }

    private static String describe(ResourceType type, String id) {
        return type + " \"" + id + "\"";
    }

    private static Refusal refuse(ErrorCode code, String message) {
        return new Refusal(code, message);
    }
}
