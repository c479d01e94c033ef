package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.order.AuditEntry;
import com.redcoral.edge.order.InvalidField;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderCommand.SplitItem;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.SplitQuote;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.EventJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Broadcasting and reads: publishes every committed event on {@code pos.orders.events} in sequence
 * order, and answers {@code pos.orders.sync}, {@code get}, {@code timeline}, {@code audit}, {@code active} and
 * {@code quote}.
 *
 * <p>It learns of events only from the writer, after they are durable, so nothing it shows is ahead
 * of the disk. It keeps the last {@code gap_limit} events as JSON and the active orders, so a
 * terminal's catch-up is answered from memory; older and closed orders are read from the store on
 * a worker thread.
 */
final class BroadcastVerticle extends VerticleBase {

    private static final DeliveryOptions SHARED = new DeliveryOptions().setCodecName(SharedJsonCodec.NAME);

    private final LedgerStore store;
    private final int gapLimit;
    private final ArrayDeque<JsonObject> recent = new ArrayDeque<>();
    private final Map<String, Order> active = new LinkedHashMap<>();
    private long serverSequence;

    BroadcastVerticle(LedgerStore store, int gapLimit) {
        this.store = store;
        this.gapLimit = gapLimit;
    }

    private record Loaded(long head, List<JsonObject> recent, List<Order> active) {}

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::load).compose(loaded -> {
            serverSequence = loaded.head();
            recent.addAll(loaded.recent());
            loaded.active().forEach(o -> active.put(o.orderId(), o));
            var bus = vertx.eventBus();
            return Future.all(List.of(
                    bus.<CommittedBatch>localConsumer(Addresses.LEDGER_COMMITTED, m -> publish(m.body())).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_SYNC, this::sync).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_GET, this::get).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_TIMELINE, this::timeline).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_AUDIT, this::audit).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_QUOTE, this::quote).completion(),
                    bus.<Object>consumer(Addresses.ORDERS_ACTIVE, m -> m.reply(activeOrders(), SHARED)).completion()));
        });
    }

    private Loaded load() {
        long head = store.head().sequence();
        List<JsonObject> events = new ArrayList<>();
        store.scan(Math.max(0, head - gapLimit), (sequence, hash, canonical) -> {
            events.add(eventJson(hash, canonical));
            return sequence < head;
        });
        return new Loaded(head, events, store.activeOrders());
    }

    private void publish(CommittedBatch batch) {
        for (Commit commit : batch.commits()) {
            for (Commit.Entry entry : commit.events()) {
                JsonObject event = eventJson(entry.event().hash(), entry.canonical());
                recent.addLast(event);
                if (recent.size() > gapLimit) {
                    recent.removeFirst();
                }
                serverSequence = entry.event().sequence();
                vertx.eventBus().publish(Addresses.ORDERS_EVENTS, event, SHARED);
            }
            for (Order order : commit.snapshots()) {
                if (order.isActive()) {
                    active.put(order.orderId(), order);
                } else {
                    active.remove(order.orderId());
                }
            }
        }
    }

    /** SyncRequest → the events after {@code since_sequence}, or every active order when that is too far back. */
    private void sync(Message<Object> message) {
        Request request = Request.of(message);
        long since;
        try {
            since = request.sequence("since_sequence", true);
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        long oldestKept = serverSequence - recent.size();
        boolean incremental = since <= serverSequence && serverSequence - since <= gapLimit && since >= oldestKept;
        JsonArray events = new JsonArray();
        if (incremental) {
            recent.stream().skip(since - oldestKept).forEach(events::add);
        }
        message.reply(new JsonObject()
                .put("events", events)
                .put("active_orders", incremental ? new JsonArray() : activeJson())
                .put("server_sequence", serverSequence)
                .put("requires_full_sync", !incremental), SHARED);
    }

    /** {@code {order_id, at_sequence?}} → the order now, or as it stood after that sequence. */
    private void get(Message<Object> message) {
        Request request = Request.of(message);
        String orderId;
        long at;
        try {
            orderId = request.text("order_id");
            at = request.sequence("at_sequence", false);
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        if (at > serverSequence) {
            request.invalid(new IllegalArgumentException("at_sequence: " + at + " is beyond the server sequence "
                    + serverSequence));
            return;
        }
        Order current = active.get(orderId);
        // An active order as of a sequence at or after its last event is the order now: no replay needed.
        if (current != null && (at < 0 || at >= current.lastSequence())) {
            message.reply(WireJson.of(current), SHARED);
            return;
        }
        reply(message, () -> {
            Order order = null;
            if (at < 0) {
                order = store.snapshot(orderId).orElse(null);
            } else {
                for (RecordedEvent event : store.orderEvents(orderId)) {
                    if (event.sequence() > at) {
                        break;
                    }
                    order = OrderDecider.evolve(order, event);
                }
            }
            return order == null ? notFound(orderId, at) : WireJson.of(order);
        });
    }

    /**
     * {@code {order_id, items: [{instance_id, quantity}]}} → what a split by those units of the active order
     * must pay ({@link OrderDecider#quoteSplit}), as of {@code last_sequence}.
     */
    private void quote(Message<Object> message) {
        Request request = Request.of(message);
        String orderId;
        List<SplitItem> items;
        try {
            orderId = request.text("order_id");
            items = splitItems(request.body().getValue("items"));
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        Order order = active.get(orderId);
        if (order == null) {
            reply(message, () -> store.snapshot(orderId).isPresent()
                    ? WireJson.error("ORDER_NOT_ACTIVE", "order " + orderId + " is closed and takes no more payments")
                    : notFound(orderId, -1));
            return;
        }
        message.reply(switch (OrderDecider.quoteSplit(order, items)) {
            case SplitQuote.Priced priced -> {
                JsonArray lines = new JsonArray();
                priced.lines().forEach(line -> lines.add(WireJson.of(line)));
                yield new JsonObject().put("success", true).put("order_id", orderId)
                        .put("split_amount", priced.amount()).put("surcharge", priced.surcharge()).put("lines", lines)
                        .put("last_sequence", order.lastSequence());
            }
            case SplitQuote.Refused refused -> WireJson.error(refused.rejection().code().name(),
                    refused.rejection().message());
        }, SHARED);
    }

    private static List<SplitItem> splitItems(Object value) {
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new IllegalArgumentException("items: " + (value == null ? "is required" : "expected a non-empty list"));
        }
        List<SplitItem> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject item)) {
                throw new IllegalArgumentException("items[" + i + "]: expected an object");
            }
            Object quantity = item.getValue("quantity");
            if (quantity != null && !(quantity instanceof Integer)) {
                throw new IllegalArgumentException("items[" + i + "].quantity: expected a whole number");
            }
            try {
                items.add(new SplitItem(item.getValue("instance_id") instanceof String id ? id : null,
                        (Integer) quantity));
            } catch (InvalidField e) {
                throw new IllegalArgumentException("items[" + i + "]." + e.getMessage(), e);
            }
        }
        return items;
    }

    /** {@code {order_id}} → the order's events as the protocol's OrderEvents. */
    private void timeline(Message<Object> message) {
        orderEvents(message, "events", e -> new JsonObject(EventJson.write(e)));
    }

    /** {@code {order_id}} → the order's events as audit entries, each with its sentence ({@link AuditEntry}). */
    private void audit(Message<Object> message) {
        orderEvents(message, "entries", e -> WireJson.of(AuditEntry.of(e)));
    }

    /** Answers {@code {order_id, <field>: [each of the order's events, as shown]}}, read on a worker. */
    private void orderEvents(Message<Object> message, String field, Function<RecordedEvent, JsonObject> show) {
        Request request = Request.of(message);
        String orderId;
        try {
            orderId = request.text("order_id");
        } catch (IllegalArgumentException e) {
            request.invalid(e);
            return;
        }
        reply(message, () -> {
            List<RecordedEvent> events = store.orderEvents(orderId);
            if (events.isEmpty()) {
                return notFound(orderId, -1);
            }
            JsonArray list = new JsonArray();
            events.forEach(e -> list.add(show.apply(e)));
            return new JsonObject().put("order_id", orderId).put(field, list);
        });
    }

    private JsonObject activeOrders() {
        return new JsonObject().put("server_sequence", serverSequence).put("orders", activeJson());
    }

    /** The active orders' snapshots, made when asked for (a full sync), not on every commit. */
    private JsonArray activeJson() {
        JsonArray orders = new JsonArray();
        active.values().forEach(o -> orders.add(WireJson.of(o)));
        return orders;
    }

    /** Answers from a store read on a worker thread; a failed read is STORAGE_UNAVAILABLE. */
    private void reply(Message<Object> message, Callable<JsonObject> read) {
        vertx.executeBlocking(read, false).onComplete(result -> message.reply(result.succeeded() ? result.result()
                : WireJson.error("STORAGE_UNAVAILABLE", "the node could not read its store: "
                        + result.cause().getMessage()), SHARED));
    }

    private static JsonObject notFound(String orderId, long at) {
        return WireJson.error("ORDER_NOT_FOUND", at < 0 ? "order " + orderId + " does not exist"
                : "order " + orderId + " had no events by sequence " + at);
    }

    private static JsonObject eventJson(String hash, byte[] canonical) {
        return new JsonObject(Buffer.buffer(canonical)).put("hash", hash);
    }
}
