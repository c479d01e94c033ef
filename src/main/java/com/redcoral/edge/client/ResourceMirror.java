package com.redcoral.edge.client;

import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.resource.ResourceChange.Action;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.resource.ResourceVersion;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A terminal's read-only copy of the node's static resources (PROTOCOL.md §3): for each of the ten
 * {@link ResourceType}s, the items and the type's version, as of that version exactly.
 *
 * <p><b>Invariant.</b> A type's items are the node's items of that type at the type's
 * {@link #version}: they come from a list reply (whose version is read with its items), advanced one
 * change at a time, each change's version exactly one above the last. The mirror never applies a
 * change out of order and never guesses: when it cannot tell, it asks the node again.
 *
 * <p><b>Rules</b>, per type, for a live {@code pos.resources.sync} message given to {@link #accept}:
 * <ul>
 *   <li>version = last + 1: applied ({@code created}/{@code updated} put {@code data} as the item,
 *       {@code deleted} removes it);</li>
 *   <li>version ≤ last: skipped (a duplicate, or already in a list or changes reply);</li>
 *   <li>version > last + 1, or a message the mirror cannot read: a gap. The mirror catches the type
 *       up with {@code pos.resources.changes} since its version, applying them by the same rule, or
 *       with {@code pos.resources.list} when the node says {@code requires_full_sync} (or its answer
 *       does not add up). Messages arriving meanwhile are kept and applied afterwards when above the
 *       version reached. A type has one catch-up at a time.</li>
 *   <li>a type the mirror does not know: ignored (a newer node may have more types).</li>
 * </ul>
 * A catch-up that fails leaves the type's items and version as they were and marks the type
 * {@linkplain #isStale stale}; the next message of that type, or {@link #resync()}, tries again.
 *
 * <p><b>Epochs.</b> Versions compare only within one epoch of the node (a node takes a new epoch on
 * every start or takeover). {@link #load()} records the epoch; {@link #reconnected()} compares it
 * first: a new epoch reloads every type, the same one catches up the types whose version differs.
 *
 * <p><b>Threading.</b> A mirror is confined to the Vert.x context it was {@linkplain #create
 * created} on. Its state is read and changed there only; its futures complete and its change
 * listener runs there. {@link #accept}, {@link #load}, {@link #reconnected} and {@link #resync} may
 * be called from any thread (they hop onto the context, in call order per thread); the reads must be
 * made on the context, and fail otherwise when the context is an event loop. Nothing blocks.
 *
 * <p><b>Copies.</b> Items are copied on the way in and on the way out: no one else holds the
 * mirror's JSON, and changing what a read returned changes nothing in the mirror.
 */
public final class ResourceMirror implements ResourceView {

    private static final System.Logger LOG = System.getLogger(ResourceMirror.class.getName());

    /** What changed in the mirror, so that a view can redraw just that. */
    public sealed interface Change {

        ResourceType type();

        /** The type's version after the change. */
        ResourceVersion version();

        /** One item was created, updated or deleted, by a live message or during a catch-up. */
        record ItemChanged(ResourceType type, Action action, String id, ResourceVersion version) implements Change { }

        /** The whole type was replaced by a list (a load, a new epoch, or a catch-up that needed one). */
        record TypeReloaded(ResourceType type, ResourceVersion version) implements Change { }
    }

    /**
     * What the mirror has done since it was created.
     *
     * @param gaps gaps detected: live messages above last + 1, or that could not be applied
     * @param statusRequests {@code pos.resources.status} requests
     * @param listRequests {@code pos.resources.list} requests (full loads of one type)
     * @param changesRequests {@code pos.resources.changes} requests
     * @param applied changes applied one by one, from live messages or changes replies
     * @param skipped live messages at or below the version they would have made
     * @param ignored live messages of an unknown type, or without a version
     * @param failedCatchUps catch-ups (loads included) that failed and left their type stale
     */
    public record Stats(long gaps, long statusRequests, long listRequests, long changesRequests, long applied,
                        long skipped, long ignored, long failedCatchUps) { }

    /** One type's copy, and the bookkeeping of its catch-ups. */
    private static final class TypeMirror {
        final ResourceType type;
        long version;
        TreeMap<String, JsonObject> items = new TreeMap<>();
        /** The epoch of the list these items descend from; null before the first list. */
        String epoch;
        /** Live messages kept while a catch-up runs (or after one failed), by version. */
        final TreeMap<Long, JsonObject> buffered = new TreeMap<>();
        /** Catch-ups queued or running; while above 0, only they change this type. */
        int pending;
        /** The last queued catch-up; the next one starts after it. */
        Future<Void> tail = Future.succeededFuture();
        /** The last catch-up failed: the type is behind the node by an unknown amount. */
        boolean stale;

        TypeMirror(ResourceType type) {
            this.type = type;
        }
    }

    /** SyncStatus: the node's epoch and the version of each type it reported. */
    private record Status(String epoch, Map<ResourceType, Long> versions) { }

    private final ContextBound home;
    private final ResourceSource source;
    private final Map<ResourceType, TypeMirror> types = new EnumMap<>(ResourceType.class);
    private String epoch;
    private Consumer<Change> listener = change -> { };
    private long gaps;
    private long statusRequests;
    private long listRequests;
    private long changesRequests;
    private long applied;
    private long skipped;
    private long ignored;
    private long failedCatchUps;

    private ResourceMirror(Context context, ResourceSource source) {
        this.home = new ContextBound(context);
        this.source = source;
        for (ResourceType type : ResourceType.values()) {
            types.put(type, new TypeMirror(type));
        }
    }

    /**
     * An empty mirror (every type at version 0, no epoch) confined to the current Vert.x context.
     * Call {@link #load()} next, and give it every {@code pos.resources.sync} message.
     *
     * @throws IllegalStateException when not called on a Vert.x context
     */
    public static ResourceMirror create(ResourceSource source) {
        Objects.requireNonNull(source, "source");
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("create a ResourceMirror on the Vert.x context that will own it");
        }
        return new ResourceMirror(context, source);
    }

    /**
     * Asks the node's status, then lists every type: afterwards the mirror holds the epoch and every
     * type as the node had it. Messages given meanwhile are kept and applied after their type's list.
     * Fails when the status or any list failed; the types that failed are then stale.
     */
    public Future<Void> load() {
        return home.call(() -> {
            Future<Status> status = status();
            return Future.all(types.values().stream()
                    .map(type -> catchUp(type, () -> status.compose(s -> list(type, s.epoch()))))
                    .toList()).mapEmpty();
        });
    }

    /**
     * A live {@code pos.resources.sync} message, applied, skipped or kept by the rules of the class
     * comment. The mirror does not listen itself: its owner registers on the address (on the local
     * bus or the bridge) and passes every message here, in the order received.
     */
    public void accept(JsonObject sync) {
        Objects.requireNonNull(sync, "sync");
        home.run(() -> receive(sync));
    }

    /**
     * After the connection to the node was lost and made again (register for
     * {@code pos.resources.sync} first, then call this): asks the status; a new epoch reloads every
     * type, the same epoch catches up each type whose version differs from the node's (changes since,
     * or a list when the node is below the mirror, which only a restored store does). Messages kept
     * from before are dropped: whatever they held, the node's current versions cover.
     */
    public Future<Void> reconnected() {
        return home.call(() -> {
            types.values().forEach(type -> type.buffered.clear());
            Future<Status> status = status();
            return Future.all(types.values().stream()
                    .map(type -> catchUp(type, () -> status.compose(s -> reconcile(type, s))))
                    .toList()).mapEmpty();
        });
    }

    /** Tries again every stale type now, rather than at its next message. */
    public Future<Void> resync() {
        return home.call(() -> Future.all(types.values().stream()
                .filter(type -> type.stale || type.pending > 0)
                .map(type -> type.pending > 0 ? type.tail : catchUp(type, () -> behind(type)))
                .toList()).mapEmpty());
    }

    /** The node's epoch, as of the last status answered; empty before. */
    public Optional<String> epoch() {
        home.check("a ResourceMirror");
        return Optional.ofNullable(epoch);
    }

    /** The type's version: its items are the node's as of this version. */
    public ResourceVersion version(ResourceType type) {
        home.check("a ResourceMirror");
        return ResourceVersion.of(types.get(type).version);
    }

    /** Copies of the type's items, in id order; the list cannot be modified. */
    public List<JsonObject> items(ResourceType type) {
        home.check("a ResourceMirror");
        return types.get(type).items.values().stream().map(JsonObject::copy).toList();
    }

    /** A copy of one item, if the mirror has it. */
    public Optional<JsonObject> item(ResourceType type, String id) {
        home.check("a ResourceMirror");
        return Optional.ofNullable(types.get(type).items.get(id)).map(JsonObject::copy);
    }

    /** True when the type's last catch-up failed: it is behind the node until a retry succeeds. */
    public boolean isStale(ResourceType type) {
        home.check("a ResourceMirror");
        return types.get(type).stale;
    }

    public Stats stats() {
        home.check("a ResourceMirror");
        return new Stats(gaps, statusRequests, listRequests, changesRequests, applied, skipped, ignored,
                failedCatchUps);
    }

    /**
     * Called on the mirror's context after every change of its content, once the mirror already
     * reads the new state. Replaces the previous listener. A listener that throws is logged; the
     * mirror carries on.
     */
    public ResourceMirror onChange(Consumer<Change> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    private void receive(JsonObject sync) {
        Optional<ResourceType> resource = sync.getValue("resource") instanceof String name
                ? ResourceType.fromWireName(name) : Optional.empty();
        OptionalLong version = version(sync);
        if (resource.isEmpty() || version.isEmpty()) {
            ignored++;
            return;
        }
        TypeMirror type = types.get(resource.get());
        type.buffered.put(version.getAsLong(), sync.copy());
        if (type.pending > 0) {
            return; // applied when the catch-up is done
        }
        if (type.stale) {
            catchUp(type, () -> behind(type));
        } else {
            drain(type);
        }
    }

    /**
     * Runs {@code step} after the type's earlier catch-ups. Until the last queued one is done the
     * type's live messages are kept; then they are applied, which may find a gap and queue another.
     */
    private Future<Void> catchUp(TypeMirror type, Supplier<Future<Void>> step) {
        Promise<Void> done = Promise.promise();
        Future<Void> previous = type.tail;
        type.tail = done.future();
        type.pending++;
        previous.transform(earlier -> ContextBound.attempt(step)).onComplete(result -> {
            type.pending--;
            type.stale = result.failed();
            if (result.failed()) {
                failedCatchUps++;
            } else if (type.pending == 0) {
                drain(type);
            }
            done.handle(result);
        });
        return done.future();
    }

    /**
     * Applies the kept messages — a live one goes through here too — in version order, skipping what
     * the type already holds; a gap among them starts the next catch-up.
     */
    private void drain(TypeMirror type) {
        while (!type.buffered.isEmpty()) {
            Map.Entry<Long, JsonObject> next = type.buffered.pollFirstEntry();
            long v = next.getKey();
            if (v <= type.version) {
                skipped++;
            } else if (v > type.version + 1 || !apply(type, next.getValue())) {
                gaps++;
                type.buffered.put(v, next.getValue());
                catchUp(type, () -> behind(type));
                return;
            }
        }
    }

    /** The catch-up of a type known to be behind: its changes, or a list when its items are from another epoch. */
    private Future<Void> behind(TypeMirror type) {
        return type.epoch != null && type.epoch.equals(epoch) ? changesSince(type) : list(type, epoch);
    }

    /** A type after a reconnection, against the node's status. */
    private Future<Void> reconcile(TypeMirror type, Status status) {
        Long server = status.versions().get(type.type);
        if (!status.epoch().equals(type.epoch) || server == null || server < type.version) {
            return list(type, status.epoch());
        }
        return server == type.version ? Future.succeededFuture() : changesSince(type);
    }

    private Future<Status> status() {
        statusRequests++;
        return ask(Addresses.RESOURCES_STATUS, new JsonObject()).map(reply -> {
            if (!(reply.getValue("epoch") instanceof String node)) {
                throw malformed(Addresses.RESOURCES_STATUS, "no epoch");
            }
            Map<ResourceType, Long> versions = new EnumMap<>(ResourceType.class);
            if (reply.getValue("versions") instanceof JsonObject given) {
                for (ResourceType type : ResourceType.values()) {
                    OptionalLong version = number(given.getValue(type.wireName()));
                    version.ifPresent(v -> versions.put(type, v));
                }
            }
            epoch = node;
            return new Status(node, versions);
        });
    }

    /** Replaces the type with the node's list; {@code listEpoch} is the epoch the list belongs to. */
    private Future<Void> list(TypeMirror type, String listEpoch) {
        listRequests++;
        return ask(Addresses.RESOURCES_LIST, new JsonObject().put("resource", type.type.wireName())).map(reply -> {
            sameResource(Addresses.RESOURCES_LIST, reply, type.type);
            long version = number(reply.getValue("version"))
                    .orElseThrow(() -> malformed(Addresses.RESOURCES_LIST, "no version"));
            if (!(reply.getValue("items") instanceof JsonArray items)) {
                throw malformed(Addresses.RESOURCES_LIST, "no items");
            }
            TreeMap<String, JsonObject> fresh = new TreeMap<>();
            for (Object value : items) {
                if (!(value instanceof JsonObject item) || !(item.getValue("id") instanceof String id)) {
                    throw malformed(Addresses.RESOURCES_LIST, "an item without an id");
                }
                fresh.put(id, item.copy());
            }
            type.items = fresh;
            type.version = version;
            type.epoch = listEpoch;
            changed(new Change.TypeReloaded(type.type, ResourceVersion.of(version)));
            return null;
        });
    }

    /**
     * Brings the type to the node's version by its changes since the mirror's, or by a list when the
     * node requires it or its answer does not add up (a hole, an entry that cannot be applied, a
     * version that the changes do not reach, or a node below the mirror).
     */
    private Future<Void> changesSince(TypeMirror type) {
        long since = type.version;
        changesRequests++;
        JsonObject request = new JsonObject().put("resource", type.type.wireName()).put("since_version", since);
        return ask(Addresses.RESOURCES_CHANGES, request).compose(reply -> {
            sameResource(Addresses.RESOURCES_CHANGES, reply, type.type);
            if (Boolean.TRUE.equals(reply.getValue("requires_full_sync"))) {
                return list(type, type.epoch);
            }
            OptionalLong target = number(reply.getValue("version"));
            if (target.isEmpty() || !(reply.getValue("changes") instanceof JsonArray changes)) {
                throw malformed(Addresses.RESOURCES_CHANGES, "no version or no changes");
            }
            for (Object value : changes) {
                OptionalLong version = value instanceof JsonObject change ? version(change) : OptionalLong.empty();
                if (version.isEmpty() || version.getAsLong() > type.version + 1
                        || version.getAsLong() == type.version + 1 && !apply(type, (JsonObject) value)) {
                    return list(type, type.epoch);
                }
            }
            return type.version == target.getAsLong() ? Future.succeededFuture() : list(type, type.epoch);
        });
    }

    /** Applies one change (a live message or a changes entry) at the type's next version; false when unreadable. */
    private boolean apply(TypeMirror type, JsonObject change) {
        if (!(change.getValue("id") instanceof String id) || !(change.getValue("action") instanceof String name)) {
            return false;
        }
        Action action;
        switch (name) {
            case "created", "updated" -> {
                if (!(change.getValue("data") instanceof JsonObject data) || !id.equals(data.getValue("id"))) {
                    return false;
                }
                type.items.put(id, data.copy());
                action = name.equals("created") ? Action.CREATED : Action.UPDATED;
            }
            case "deleted" -> {
                type.items.remove(id);
                action = Action.DELETED;
            }
            default -> {
                return false;
            }
        }
        type.version++;
        applied++;
        changed(new Change.ItemChanged(type.type, action, id, ResourceVersion.of(type.version)));
        return true;
    }

    private void changed(Change change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a resource mirror listener failed on " + change, e);
        }
    }

    /** Asks the source; the answer comes back on the mirror's context, a refusal as a failure. */
    private Future<JsonObject> ask(String address, JsonObject body) {
        Future<JsonObject> reply;
        try {
            reply = Objects.requireNonNull(source.request(address, body), "the source answered null");
        } catch (RuntimeException e) {
            reply = Future.failedFuture(e);
        }
        Promise<JsonObject> here = Promise.promise();
        reply.onComplete(result -> home.run(() -> here.handle(result)));
        return here.future().map(answer -> {
            if (answer == null) {
                throw malformed(address, "an empty reply");
            }
            if (Boolean.FALSE.equals(answer.getValue("success"))) {
                JsonObject error = answer.getValue("error") instanceof JsonObject e ? e : new JsonObject();
                throw new VertxException(address + " refused: " + error.getString("code", "UNKNOWN") + ": "
                        + error.getString("message", ""), true);
            }
            return answer;
        });
    }

    private static void sameResource(String address, JsonObject reply, ResourceType type) {
        if (!type.wireName().equals(reply.getValue("resource"))) {
            throw malformed(address, "an answer about " + reply.getValue("resource") + " for " + type);
        }
    }

    private static OptionalLong version(JsonObject change) {
        return number(change.getValue("version"));
    }

    private static OptionalLong number(Object value) {
        return value instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0
                ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private static VertxException malformed(String address, String what) {
        return new VertxException("the node's reply on " + address + " is malformed: " + what, true);
    }

}
