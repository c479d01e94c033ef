package com.redcoral.edge.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redcoral.edge.order.Actor;
import com.redcoral.edge.order.Permission;
import com.redcoral.edge.wire.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The runner around {@link ResourceDecider}: decide against the resources as they stand, write the
 * change, then let everyone see it — the new {@link #state()} and the {@link #directory()} orders are
 * decided with. Nothing is visible before the store has it durably.
 *
 * <p>One writer: {@link #change} and {@link #bootstrap} are called from one thread at a time (the
 * resource verticle's). {@link #state()}, {@link #changes} and the directory may be read from any
 * thread.
 */
public final class ResourceBook {

    /** The node itself: the operator of the changes it makes on its own (bootstrap and seed). */
    public static final Actor SYSTEM = new Actor("system", "RedCoral Edge", EnumSet.allOf(Permission.class));
    /** The id of the role and of the employee a new store starts with (PROTOCOL.md §5). */
    public static final String ADMIN = "admin";

    private final ResourceStore store;
    private final int changesKept;
    private final ResourceDirectory directory;
    private volatile ResourceState state;

    /** @param changesKept how many change-log entries each type keeps for terminals catching up */
    public ResourceBook(ResourceStore store, int changesKept, PinGuard guard) {
        this.store = store;
        this.changesKept = changesKept;
        this.state = store.load();
        this.directory = new ResourceDirectory(state, guard);
    }

    public ResourceState state() {
        return state;
    }

    public StoreDirectory directory() {
        return directory;
    }

    /** Decides {@code command} for {@code operator} (whose PIN the caller checked) and writes the change if accepted. */
    public ResourceDecision change(ResourceCommand command, Actor operator, ResourceDecider.Context context) {
        ResourceDecision decision = ResourceDecider.decide(state, command, operator, context);
        if (decision instanceof ResourceDecision.Accepted accepted) {
            commit(List.of(accepted.change()));
        }
        return decision;
    }

    /** The change-log entries of {@code type} after {@code since}, up to the version the book shows now. */
    public ResourceStore.Changes changes(ResourceType type, ResourceVersion since) {
        return store.changes(type, since, state.version(type));
    }

    /**
     * Makes a store that has never held anything ready: the role {@code admin} with every permission,
     * the employee {@code admin} in it with the PIN whose hash {@code adminPinHash} gives (asked only
     * when needed), then the seed. All of it is decided first and written in one go, so a seed with a
     * mistake leaves the store as new as it was.
     *
     * @return whether the store was new (and is now bootstrapped)
     * @throws IllegalArgumentException naming the seed item that was refused, and why
     */
    public boolean bootstrap(Supplier<String> adminPinHash, StoreSeed seed, long now) {
        if (!state.isNew()) {
            return false;
        }
        List<StoreSeed.Entry> entries = new ArrayList<>();
        ObjectNode role = Json.MAPPER.createObjectNode().put("name", "Administrator");
        Arrays.stream(Permission.values()).forEach(p -> role.withArray("permissions").add(p.wireName()));
        entries.add(new StoreSeed.Entry(ResourceType.ROLE, ADMIN, role, null));
        entries.add(new StoreSeed.Entry(ResourceType.EMPLOYEE, ADMIN,
                Json.MAPPER.createObjectNode().put("name", "Administrator").put("role_id", ADMIN), adminPinHash.get()));
        entries.addAll(seed.entries());

        ResourceState next = state;
        List<ResourceChange> changes = new ArrayList<>();
        for (StoreSeed.Entry entry : entries) {
            ResourceCommand create = new ResourceCommand(entry.type(), ResourceCommand.Action.CREATE, entry.id(),
                    entry.data(), null, SYSTEM.id(), null);
            switch (ResourceDecider.decide(next, create, SYSTEM, new ResourceDecider.Context(now, entry.id(),
                    entry.pinHash()))) {
                case ResourceDecision.Accepted accepted -> {
                    changes.add(accepted.change());
                    next = next.apply(accepted.change());
                }
                case ResourceDecision.Rejected rejected -> throw new IllegalArgumentException("store seed: "
                        + entry.type() + " " + entry.id() + ": " + rejected.rejection().message());
            }
        }
        commit(changes);
        return true;
    }

    private void commit(List<ResourceChange> changes) {
        store.write(changes, changesKept);
        ResourceState next = state;
        for (ResourceChange change : changes) {
            next = next.apply(change);
        }
        state = next;
        directory.update(next);
    }
}
