package com.redcoral.edge.client;

import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.resource.ResourceType;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The resource side of a node, in memory, answering {@code pos.resources.status}, {@code list} and
 * {@code changes} as PROTOCOL.md §3 says. A change returns its {@code pos.resources.sync} message;
 * the test delivers it to the mirror, or drops it. Requests are counted; the answers to an address
 * can be held (computed when asked, delivered on {@link #release()}) or made to fail.
 *
 * <p>Thread-safe: the mirror asks on its context while the test changes the node from its own
 * thread.
 */
final class FakeResourceNode implements ResourceSource {

    /** One type as the node has it, for comparing with the mirror. */
    record TypeState(long version, List<JsonObject> items) { }

    private String epoch = UUID.randomUUID().toString();
    private final Map<ResourceType, Long> versions = new EnumMap<>(ResourceType.class);
    private final Map<ResourceType, TreeMap<String, JsonObject>> items = new EnumMap<>(ResourceType.class);
    private final Map<ResourceType, Deque<JsonObject>> log = new EnumMap<>(ResourceType.class);
    private int retention = Integer.MAX_VALUE;
    private long clock = 1_737_270_000_000L;
    private final List<JsonObject> requests = new ArrayList<>();
    private final Set<String> held = new HashSet<>();
    private final List<Runnable> parked = new ArrayList<>();
    private final Map<String, Deque<Supplier<Future<JsonObject>>>> failures = new HashMap<>();

    FakeResourceNode() {
        for (ResourceType type : ResourceType.values()) {
            versions.put(type, 0L);
            items.put(type, new TreeMap<>());
            log.put(type, new ArrayDeque<>());
        }
    }

    synchronized JsonObject create(ResourceType type, String id, JsonObject fields) {
        if (items.get(type).containsKey(id)) {
            throw new IllegalArgumentException(type + " " + id + " exists");
        }
        return change(type, "created", id, fields.copy());
    }

    /** Sets the given fields of an existing item. */
    synchronized JsonObject update(ResourceType type, String id, JsonObject fields) {
        JsonObject item = existing(type, id).copy();
        fields.forEach(field -> item.put(field.getKey(), field.getValue()));
        return change(type, "updated", id, item);
    }

    synchronized JsonObject delete(ResourceType type, String id) {
        existing(type, id);
        return change(type, "deleted", id, null);
    }

    /** A restart or a takeover: a new epoch, the same data. */
    synchronized String restart() {
        epoch = UUID.randomUUID().toString();
        return epoch;
    }

    /** A standby that takes over without the last changes of {@code type}: a new epoch, and the type back at {@code state}. */
    synchronized String takeOver(ResourceType type, TypeState state) {
        restore(type, state);
        return restart();
    }

    /** The type back as it was (a store restored from a backup), keeping the epoch: what should never happen. */
    synchronized void restore(ResourceType type, TypeState state) {
        versions.put(type, state.version());
        TreeMap<String, JsonObject> restored = new TreeMap<>();
        state.items().forEach(item -> restored.put(item.getString("id"), item.copy()));
        items.put(type, restored);
        log.get(type).removeIf(entry -> entry.getLong("version") > state.version());
    }

    /** The change log keeps the last {@code changes} of each type; older ones need a full sync. */
    synchronized void retain(int changes) {
        retention = changes;
        log.values().forEach(this::trim);
    }

    synchronized String epoch() {
        return epoch;
    }

    synchronized TypeState state(ResourceType type) {
        return new TypeState(versions.get(type), items.get(type).values().stream().map(JsonObject::copy).toList());
    }

    /** Answers to {@code address} wait for {@link #release()}; they are computed when asked. */
    synchronized void hold(String address) {
        held.add(address);
    }

    /** Delivers every held answer, in the order asked, and stops holding. */
    void release() {
        List<Runnable> answers;
        synchronized (this) {
            held.clear();
            answers = List.copyOf(parked);
            parked.clear();
        }
        answers.forEach(Runnable::run);
    }

    synchronized int parked() {
        return parked.size();
    }

    /** The next request to {@code address} fails as a failed future, as the bus does. */
    synchronized void failNext(String address) {
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).add(() -> Future.failedFuture(
                new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 503, "STORAGE_UNAVAILABLE: the disk is gone")));
    }

    /** The next request to {@code address} is answered {@code success: false}, as the node does. */
    synchronized void refuseNext(String address) {
        failures.computeIfAbsent(address, a -> new ArrayDeque<>()).add(() -> Future.succeededFuture(new JsonObject()
                .put("success", false)
                .put("error", new JsonObject().put("code", "STORAGE_UNAVAILABLE").put("message", "the disk is gone"))));
    }

    /** How many requests went to {@code address}. */
    synchronized int requests(String address) {
        return (int) requests.stream().filter(r -> r.getString("address").equals(address)).count();
    }

    /** The {@code resource} of each request to {@code address}, in order. */
    synchronized List<String> requested(String address) {
        return requests.stream().filter(r -> r.getString("address").equals(address))
                .map(r -> r.getJsonObject("body").getString("resource")).toList();
    }

    synchronized void forgetRequests() {
        requests.clear();
    }

    @Override
    public synchronized Future<JsonObject> request(String address, JsonObject body) {
        requests.add(new JsonObject().put("address", address).put("body", body.copy()));
        Deque<Supplier<Future<JsonObject>>> failing = failures.get(address);
        Future<JsonObject> answer = failing != null && !failing.isEmpty() ? failing.poll().get() : answer(address, body);
        if (!held.contains(address)) {
            return answer;
        }
        Promise<JsonObject> later = Promise.promise();
        parked.add(() -> answer.onComplete(later));
        return later.future();
    }

    private Future<JsonObject> answer(String address, JsonObject body) {
        return switch (address) {
            case Addresses.RESOURCES_STATUS -> {
                JsonObject all = new JsonObject();
                versions.forEach((type, version) -> all.put(type.wireName(), version));
                yield Future.succeededFuture(new JsonObject().put("epoch", epoch).put("versions", all));
            }
            case Addresses.RESOURCES_LIST -> {
                ResourceType type = type(body);
                yield Future.succeededFuture(new JsonObject().put("resource", type.wireName())
                        .put("version", versions.get(type))
                        .put("items", new JsonArray(items.get(type).values().stream().map(JsonObject::copy).toList())));
            }
            case Addresses.RESOURCES_CHANGES -> Future.succeededFuture(changes(type(body), body.getLong("since_version")));
            default -> Future.failedFuture(new ReplyException(ReplyFailure.NO_HANDLERS, -1, "no handler for " + address));
        };
    }

    private JsonObject changes(ResourceType type, long since) {
        long version = versions.get(type);
        Deque<JsonObject> kept = log.get(type);
        long oldestKept = kept.isEmpty() ? version + 1 : kept.peekFirst().getLong("version");
        boolean full = since > version || since + 1 < oldestKept;
        JsonArray changes = new JsonArray();
        if (!full) {
            kept.stream().filter(entry -> entry.getLong("version") > since).map(JsonObject::copy).forEach(changes::add);
        }
        return new JsonObject().put("resource", type.wireName()).put("version", version).put("changes", changes)
                .put("requires_full_sync", full);
    }

    private static ResourceType type(JsonObject body) {
        return ResourceType.fromWireName(body.getString("resource")).orElseThrow();
    }

    private JsonObject existing(ResourceType type, String id) {
        JsonObject item = items.get(type).get(id);
        if (item == null) {
            throw new IllegalArgumentException("no " + type + " " + id);
        }
        return item;
    }

    private JsonObject change(ResourceType type, String action, String id, JsonObject after) {
        long version = versions.merge(type, 1L, Long::sum);
        JsonObject before = items.get(type).get(id);
        if (after == null) {
            items.get(type).remove(id);
        } else {
            after.put("id", id).put("version", version);
            items.get(type).put(id, after);
        }
        JsonObject sync = new JsonObject().put("resource", type.wireName()).put("action", action).put("id", id)
                .put("version", version).put("data", after == null ? null : after.copy());
        log.get(type).add(sync.copy()
                .put("before", before == null ? null : before.copy())
                .put("operator_id", "emp_01").put("operator_name", "Zhang San").put("timestamp", clock++));
        trim(log.get(type));
        return sync;
    }

    private void trim(Deque<JsonObject> entries) {
        while (entries.size() > retention) {
            entries.removeFirst();
        }
    }
}
