package com.redcoral.edge.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.order.Rejection;
import com.redcoral.edge.resource.ResourceCommand.Action;
import com.redcoral.edge.resource.ResourceDecision.Accepted;
import com.redcoral.edge.resource.ResourceDecision.Rejected;
import com.redcoral.edge.wire.Json;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Given/when/then for {@link ResourceDecider}. The prior state is built only by running commands
 * through the decider as the system and applying the accepted changes, as the node would; {@link
 * #when} decides one command against it. {@code thenAccepted} applies the change, so a scenario can go
 * on; {@code thenRejected} checks the code and that every version and item is as it was.
 *
 * <p>Everything from outside is fixed: the clock ({@link #NOW}), the actors, fresh ids
 * ({@code new-N} unless {@code withNewId} says) and PIN hashes ({@link #HASH}: hashing is slow, and
 * the decider only needs the form of one).
 */
final class DeciderFixture {

    static final long NOW = 1_737_270_000_000L;

    /** A PIN hash of the form {@link PinHash} writes; which PIN it is of does not matter here. */
    static final String HASH = "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2g";
    static final String OTHER_HASH = "pbkdf2-sha256$210000$b3RoZXJzYWx0b3RoZXI$b3RoZXJoYXNob3RoZXJoYXNo";

    /** The node itself, as at bootstrap: it may do everything. */
    static final Actor SYSTEM = new Actor(ResourceDecider.SYSTEM, "System", EnumSet.allOf(Permission.class));
    static final Actor ADMIN = new Actor("admin", "Ada Admin", EnumSet.allOf(Permission.class));
    /** Holds every order.* permission but not resources.manage. */
    static final Actor SHIFT_MANAGER = new Actor("mgr_01", "Li", EnumSet.complementOf(
            EnumSet.of(Permission.RESOURCES_MANAGE)));

    private ResourceState state = ResourceState.empty();
    private int ids;

    private DeciderFixture() {}

    /** Nothing at all: every version 0. */
    static DeciderFixture nothing() {
        return new DeciderFixture();
    }

    /** A new store as the node makes it: role {@code admin} with every permission, employee {@code admin}. */
    static DeciderFixture newStore() {
        return nothing()
                .given(create(ResourceType.ROLE, "admin", """
                        {"name": "Administrator", "permissions": %s}""".formatted(allPermissions())))
                .given(create(ResourceType.EMPLOYEE, "admin", """
                        {"name": "Ada Admin", "role_id": "admin", "pin": "2468"}"""));
    }

    // ------------------------------------------------------------------------------------ given

    /** Decides {@code command} as the system and applies the change; it must be accepted. */
    DeciderFixture given(ResourceCommand command) {
        ResourceDecision decision = ResourceDecider.decide(state, command, SYSTEM, context(null, hashFor(command)));
        if (decision instanceof Rejected rejected) {
            fail("the given command %s was rejected: %s", command, rejected.rejection());
        }
        state = state.apply(((Accepted) decision).change());
        return this;
    }

    DeciderFixture givenCreated(ResourceType type, String id, String data) {
        return given(create(type, id, data));
    }

    // ------------------------------------------------------------------------------------- when

    /** The command under test, issued by {@link #ADMIN} unless {@link When#by} says otherwise. */
    When when(ResourceCommand command) {
        return new When(command);
    }

    final class When {
        private final ResourceCommand command;
        private Actor operator = ADMIN;
        private String newId;
        private String pinHash;

        private When(ResourceCommand command) {
            this.command = command;
            this.pinHash = hashFor(command);
        }

        When by(Actor issuer) {
            this.operator = issuer;
            return this;
        }

        When withNewId(String id) {
            this.newId = id;
            return this;
        }

        /** The hash the node made of {@code data.pin}, or null as if the node had none to make. */
        When withPinHash(String hash) {
            this.pinHash = hash;
            return this;
        }

        ResourceDecision decide() {
            return ResourceDecider.decide(state, command, operator, context(newId, pinHash));
        }

        /** The command is accepted; its change is applied and returned. */
        ResourceChange thenAccepted() {
            ResourceDecision decision = decide();
            if (decision instanceof Rejected rejected) {
                fail("%s was rejected: %s", command, rejected.rejection());
            }
            ResourceChange change = ((Accepted) decision).change();
            state = state.apply(change);
            return change;
        }

        /** The command is refused with {@code code}, and no version or item changed. */
        Rejection thenRejected(ErrorCode code) {
            ResourceState before = state;
            Map<ResourceType, ResourceVersion> versions = state.versions();
            Map<ResourceType, String> items = storedItems(state);
            ResourceDecision decision = decide();
            assertThat(decision).as("decision on %s", command).isInstanceOf(Rejected.class);
            Rejection rejection = ((Rejected) decision).rejection();
            assertThat(rejection.code()).as("rejection %s", rejection).isEqualTo(code);
            assertThat(state).isSameAs(before);
            assertThat(state.versions()).isEqualTo(versions);
            assertThat(storedItems(state)).isEqualTo(items);
            return rejection;
        }
    }

    // ------------------------------------------------------------------------------------- then

    ResourceState state() {
        return state;
    }

    ResourceItem item(ResourceType type, String id) {
        return state.item(type, id).orElseThrow(() -> new AssertionError("no " + type + " " + id));
    }

    ResourceVersion version(ResourceType type) {
        return state.version(type);
    }

    // ---------------------------------------------------------------------------------- commands

    static ResourceCommand create(ResourceType type, String id, String data) {
        return new ResourceCommand(type, Action.CREATE, id, json(data), null, ADMIN.id(), "2468");
    }

    static ResourceCommand update(ResourceType type, String id, String data) {
        return new ResourceCommand(type, Action.UPDATE, id, json(data), null, ADMIN.id(), "2468");
    }

    static ResourceCommand delete(ResourceType type, String id) {
        return new ResourceCommand(type, Action.DELETE, id, null, null, ADMIN.id(), "2468");
    }

    /** The same command with an {@code expected_version}. */
    static ResourceCommand expecting(long version, ResourceCommand command) {
        return new ResourceCommand(command.type(), command.action(), command.id(), command.data(),
                ResourceVersion.of(version), command.operatorId(), command.operatorPin());
    }

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String allPermissions() {
        return EnumSet.allOf(Permission.class).stream().map(p -> "\"" + p.wireName() + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    // --------------------------------------------------------------------------------- internals

    private ResourceDecider.Context context(String newId, String pinHash) {
        return new ResourceDecider.Context(NOW, newId != null ? newId : "new-" + ++ids, pinHash);
    }

    /** What the node would hand the decider for the command's PIN. */
    private static String hashFor(ResourceCommand command) {
        return command.type() == ResourceType.EMPLOYEE && command.newPin() != null ? HASH : null;
    }

    private static Map<ResourceType, String> storedItems(ResourceState state) {
        return EnumSet.allOf(ResourceType.class).stream().collect(Collectors.toMap(t -> t,
                t -> state.items(t).stream().map(i -> i.toStoredJson().toString()).collect(Collectors.joining("\n"))));
    }
}
