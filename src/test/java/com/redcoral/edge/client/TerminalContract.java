package com.redcoral.edge.client;

import static com.redcoral.edge.client.WatchedTerminal.failure;
import static com.redcoral.edge.node.ClientTestNode.addItems;
import static com.redcoral.edge.node.ClientTestNode.command;
import static com.redcoral.edge.node.ClientTestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.redcoral.edge.client.Terminal.Change;
import com.redcoral.edge.client.Terminal.State;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderStatus;
import com.redcoral.edge.resource.ResourceType;
import com.redcoral.edge.wire.CommandResponse;
import com.redcoral.edge.wire.Json;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Terminal} does, whatever its transport: one scenario suite, run over the node's
 * event bus in its JVM ({@link InProcessTerminalTest}) and over the bridge through a WebSocket — on the
 * loopback listener ({@link RemoteTerminalTest}) and on the network listener with TLS, as a terminal
 * known by its client certificate ({@link CertificateTerminalTest}) or its token ({@link TokenTerminalTest})
 * — with the same addresses, bodies and expectations: the proof of one addressing model.
 *
 * <p>A transport says how a terminal is made and how it loses the node for real ({@link #cutOff()})
 * and finds it again ({@link #restore()}). After every scenario, each terminal still open must be
 * online with both mirrors equal to the node: its orders to {@code pos.orders.active}, its resources
 * to {@code pos.resources.list} of every type. (Closed and refused terminals are done with.)
 */
interface TerminalContract {

    /** The nodes of this suite answer sync incrementally within 5 events, so a full sync is easy to cause. */
    int GAP_LIMIT = 5;

    /** Quick heartbeats and short retries, so losses are found and repaired within a test's patience. */
    TerminalOptions QUICK = TerminalOptions.defaults()
            .withHeartbeatInterval(Duration.ofMillis(100))
            .withBackoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5));

    /** Never retries by itself in a test's time: it comes back when the test calls {@link Terminal#reconnectNow()}. */
    TerminalOptions BY_HAND = QUICK.withBackoff(new Backoff(Duration.ofHours(1), Duration.ofHours(1), 0));

    /** The node, started on a new store with {@link #GAP_LIMIT}. */
    ClientTestNode node();

    /** A new terminal of this transport on a context of its own, already connecting. */
    WatchedTerminal open(TerminalOptions options);

    /** Every terminal {@link #open} made in this scenario. */
    List<WatchedTerminal> opened();

    /** Every terminal loses the node, for real, until {@link #restore()}. */
    void cutOff();

    /** The node can be reached again. */
    void restore();

    /** Closes the terminals, then whatever the transport needs, then the node. */
    void closeAll();

    // ------------------------------------------------------------------------------------ scenarios

    @Test
    default void twoTerminalsSeeEachOthersChanges() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        WatchedTerminal b = open(QUICK).awaitState(State.ONLINE);

        String id = a.terminal.send(openTable("T1")).await().orderId();
        b.awaitSequence(node().serverSequence());
        assertThat(b.terminal.orders().order(id)).hasValueSatisfying(o -> assertThat(o.tableId()).isEqualTo("T1"));

        assertThat(b.terminal.send(addItems(id, "cola", 2)).await().success()).isTrue();
        a.awaitSequence(node().serverSequence());
        assertThat(a.terminal.orders().order(id).orElseThrow().items()).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo("cola"))
                .satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        b.awaitSequence(node().serverSequence());
        assertThat(a.terminal.orders()).isEqualTo(b.terminal.orders());
    }

    @Test
    default void aCommandIsAnsweredAndItsEventsReachTheMirror() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);

        CommandResponse opened = a.terminal.send(openTable("T1")).await();
        assertThat(opened.success()).isTrue();
        assertThat(opened.duplicate()).isFalse();
        String id = opened.orderId();
        long openedAt = node().serverSequence();
        assertThat(a.terminal.send(addItems(id, "cola", 2)).await().success()).isTrue();
        a.awaitSequence(node().serverSequence());

        assertThat(orderChanges(a)).extracting(c -> c.event().type())
                .containsExactly(EventType.TABLE_OPENED, EventType.ITEMS_ADDED);
        Order order = a.terminal.orders().order(id).orElseThrow();
        assertThat(order.total()).isEqualTo(600);
        assertThat(order.remaining()).isEqualTo(600);

        // Reads are plain requests with the protocol's bodies.
        assertThat(tree(a.terminal.get(id).await())).isEqualTo(tree(order));
        assertThat(a.terminal.get(id, openedAt).await().getJsonArray("items")).isEmpty();
        assertThat(a.terminal.timeline(id).await().getJsonArray("events")).hasSize(2);
        Throwable missing = failure(a.terminal.get("no-such-order"));
        assertThat(missing).isInstanceOf(RequestRefusedException.class);
        assertThat(((RequestRefusedException) missing).code()).isEqualTo("ORDER_NOT_FOUND");

        // Paid and completed: it leaves the mirror, and the last change shows how it ended.
        a.terminal.send(command("ADD_PAYMENT", new JsonObject().put("order_id", id).put("method", "cash")
                .put("amount", 600))).await();
        a.terminal.send(command("COMPLETE_ORDER", new JsonObject().put("order_id", id)
                .put("receipt_number", "R-1"))).await();
        a.awaitSequence(node().serverSequence());
        assertThat(a.terminal.orders().order(id)).isEmpty();
        Change.OrderChanged last = orderChanges(a).get(orderChanges(a).size() - 1);
        assertThat(last.order().status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(last.order().receiptNumber()).isEqualTo("R-1");

        // A refusal is an answer, not a failure, and changes nothing.
        long head = node().serverSequence();
        CommandResponse refused = a.terminal.send(addItems(id, "cola", 1)).await();
        assertThat(refused.success()).isFalse();
        assertThat(refused.error().code()).isEqualTo("ORDER_NOT_ACTIVE");
        assertThat(node().serverSequence()).isEqualTo(head);
    }

    @Test
    default void theAuditTrailReadsEachEventOfAnOrderAsASentence() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        String id = a.terminal.send(openTable("T1")).await().orderId();
        a.terminal.send(addItems(id, "cola", 4)).await();
        a.awaitSequence(node().serverSequence());
        String cola = a.terminal.orders().order(id).orElseThrow().items().getFirst().instanceId();
        CommandResponse discount = a.terminal.send(ClientTestNode.approved(command("MODIFY_ITEM", new JsonObject()
                .put("order_id", id).put("instance_id", cola).put("affected_quantity", 2)
                .put("changes", new JsonObject().put("discount_percent", 50))))).await();
        assertThat(discount.success()).as("%s", discount.error()).isTrue();
        a.awaitSequence(node().serverSequence());
        String discounted = a.terminal.orders().order(id).orElseThrow().items().stream()
                .map(line -> line.instanceId()).filter(instance -> !instance.equals(cola)).findFirst().orElseThrow();

        JsonObject audit = a.terminal.audit(id).await();

        assertThat(audit.getString("order_id")).isEqualTo(id);
        List<JsonObject> entries = audit.getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
        assertThat(entries).extracting(e -> e.getString("sentence")).containsExactly(
                "Zhang San opened Table 1",
                "Zhang San added 4 Cola (" + cola.substring(0, 6) + ") at 3.00 each",
                "Zhang San applied a 50% discount to 2 of 4 Cola (" + cola.substring(0, 6) + "), approved by Li: "
                        + "2 stay at full price (" + cola.substring(0, 6) + "), 2 now discounted ("
                        + discounted.substring(0, 6) + ")");
        // One entry per event of the timeline, in its order, naming who did it and who approved it.
        List<JsonObject> events = a.terminal.timeline(id).await().getJsonArray("events").stream()
                .map(JsonObject.class::cast).toList();
        assertThat(entries).extracting(e -> e.getLong("sequence"))
                .containsExactlyElementsOf(events.stream().map(e -> e.getLong("sequence")).toList());
        assertThat(entries).extracting(e -> e.getString("event_type"))
                .containsExactly("TABLE_OPENED", "ITEMS_ADDED", "ITEM_MODIFIED");
        assertThat(entries).extracting(e -> e.getString("operator_id")).containsOnly("emp_01");
        assertThat(entries.getLast().getString("authorizer_name")).isEqualTo("Li");
        assertThat(entries.getFirst().getValue("authorizer_id")).isNull();

        Throwable missing = failure(a.terminal.audit("no-such-order"));
        assertThat(missing).isInstanceOfSatisfying(RequestRefusedException.class,
                e -> assertThat(e.code()).isEqualTo("ORDER_NOT_FOUND"));
    }

    @Test
    default void aResentCommandGetsItsFirstAnswerAndChangesNothing() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        JsonObject open = openTable("T2");
        CommandResponse first = a.terminal.send(open).await();
        long head = node().serverSequence();
        a.awaitSequence(head);

        CommandResponse again = a.terminal.send(open).await();
        WatchedTerminal b = open(QUICK).awaitState(State.ONLINE);
        CommandResponse fromElsewhere = b.terminal.send(open.copy()).await();

        for (CommandResponse repeat : List.of(again, fromElsewhere)) {
            assertThat(repeat.duplicate()).isTrue();
            assertThat(repeat.success()).isTrue();
            assertThat(repeat.orderId()).isEqualTo(first.orderId());
            assertThat(repeat.commandId()).isEqualTo(first.commandId());
        }
        assertThat(node().serverSequence()).as("no new event").isEqualTo(head);
        assertThat(orderChanges(a)).hasSize(1);
    }

    @Test
    default void aCommandWhileOfflineIsRefusedAndNeverSent() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        cutOff();
        a.awaitNot(State.ONLINE);

        JsonObject command = openTable("T1");
        Throwable refused = failure(a.terminal.send(command));
        assertThat(refused).isInstanceOf(TerminalOfflineException.class)
                .hasMessageStartingWith("not sent to pos.orders.command: the terminal is");
        assertThat(((TerminalOfflineException) refused).state()).isIn(State.OFFLINE, State.CONNECTING);
        assertThat(failure(a.terminal.get("any"))).isInstanceOf(TerminalOfflineException.class);
        assertThat(failure(a.terminal.request(Addresses.NODE_STATUS, new JsonObject())))
                .isInstanceOf(TerminalOfflineException.class);
        assertThat(a.terminal.lastFailure()).isPresent();

        restore();
        a.awaitState(State.ONLINE);
        JsonObject answer = node().send(command);
        assertThat(answer.getBoolean("success")).isTrue();
        assertThat(answer.getBoolean("duplicate")).as("the node had never seen it").isFalse();
    }

    @Test
    default void aTerminalStillCatchingUpRefusesCommandsToo() throws Exception {
        // The node holds the terminal's first sync: connected, but its mirror not caught up yet.
        BlockingQueue<Runnable> held = new LinkedBlockingQueue<>();
        Handler<DeliveryContext<Object>> holdSyncs = delivery -> {
            if (Addresses.ORDERS_SYNC.equals(delivery.message().address())) {
                Context consumer = Vertx.currentContext();
                held.add(() -> consumer.runOnContext(v -> delivery.next()));
            } else {
                delivery.next();
            }
        };
        node().vertx().eventBus().addInboundInterceptor(holdSyncs);
        WatchedTerminal a;
        Runnable sync;
        try {
            a = open(QUICK);
            sync = held.poll(WatchedTerminal.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } finally {
            node().vertx().eventBus().removeInboundInterceptor(holdSyncs);
        }
        assertThat(sync).as("the terminal's sync reached the node").isNotNull();
        assertThat(a.terminal.state()).isEqualTo(State.CONNECTING);
        JsonObject command = openTable("T1");
        Throwable refused = failure(a.terminal.send(command));
        assertThat(((TerminalOfflineException) refused).state()).isEqualTo(State.CONNECTING);

        sync.run();
        a.terminal.whenOnline().await();
        assertThat(node().send(command).getBoolean("duplicate")).as("the node had never seen it").isFalse();
    }

    @Test
    default void aLostEventIsDetectedAndRepairedBySync() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        Terminal.Stats before = a.stats();
        long lost = node().serverSequence() + 1;
        // The node's bus loses that event on its way to every subscriber: here, the one terminal.
        Handler<DeliveryContext<Object>> loseIt = delivery -> {
            if (Addresses.ORDERS_EVENTS.equals(delivery.message().address())
                    && delivery.message().body() instanceof JsonObject event
                    && Long.valueOf(lost).equals(event.getLong("sequence"))) {
                return;
            }
            delivery.next();
        };
        node().vertx().eventBus().addInboundInterceptor(loseIt);
        String id;
        try {
            id = a.terminal.send(openTable("T1")).await().orderId();
            a.terminal.send(addItems(id, "espresso", 1)).await(); // the next event shows the gap
            a.awaitSequence(lost + 1);
        } finally {
            node().vertx().eventBus().removeInboundInterceptor(loseIt);
        }

        Terminal.Stats after = a.stats();
        assertThat(after.gaps() - before.gaps()).isEqualTo(1);
        assertThat(after.syncs() - before.syncs()).isEqualTo(1);
        assertThat(after.fullSyncs()).isEqualTo(before.fullSyncs());
        assertThat(after.reloads()).isEqualTo(before.reloads());
        assertThat(a.terminal.orders().order(id).orElseThrow().items()).singleElement()
                .satisfies(line -> assertThat(line.productId()).isEqualTo("espresso"));
    }

    @Test
    default void anEventThatDoesNotFitTheMirrorMakesItReload() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        String id = a.terminal.send(openTable("T1")).await().orderId();
        a.awaitSequence(node().serverSequence());
        Terminal.Stats before = a.stats();

        // Something publishes events the mirror cannot fold: one of a type it does not know, then one
        // for an order it does not hold. Neither is guessed at: each time the mirror reloads.
        long next = node().serverSequence() + 1;
        JsonObject unknownType = new JsonObject().put("event_id", "e-1").put("sequence", next).put("order_id", id)
                .put("timestamp", 1L).put("operator_id", "emp_01").put("operator_name", "Zhang San")
                .put("command_id", "c-1").put("event_type", "TIP_ADDED").put("schema_version", 1)
                .put("hash", "0").put("payload", new JsonObject().put("amount", 100));
        node().vertx().eventBus().publish(Addresses.ORDERS_EVENTS, unknownType);
        a.await(() -> a.terminal.stats().reloads() == before.reloads() + 1,
                "a reload");
        JsonObject strangerOrder = unknownType.copy().put("order_id", "not-held").put("event_type", "ORDER_VOIDED")
                .put("payload", new JsonObject().put("reason", "none"));
        node().vertx().eventBus().publish(Addresses.ORDERS_EVENTS, strangerOrder);
        a.await(() -> a.terminal.stats().reloads() == before.reloads() + 2, "a second reload");

        assertThat(a.terminal.orders().sequence()).isEqualTo(next - 1);
        assertThat(a.terminal.orders().order(id)).isPresent();
        assertThat(a.changes).contains(new Change.OrdersReloaded(next - 1));
        // The real next event is applied as usual.
        a.terminal.send(addItems(id, "cola", 1)).await();
        a.awaitSequence(next);
        assertThat(a.terminal.orders().order(id).orElseThrow().items()).hasSize(1);
        assertThat(a.stats().gaps()).isEqualTo(before.gaps());
    }

    @Test
    default void aReconnectionCatchesUpWhatItMissedEventByEvent() throws Exception {
        WatchedTerminal a = open(BY_HAND).awaitState(State.ONLINE);
        String kept = a.terminal.send(openTable("T1")).await().orderId();
        a.awaitSequence(node().serverSequence());
        cutOff();
        a.awaitState(State.OFFLINE);
        restore();

        long seen = a.terminal.orders().sequence();
        node().send(addItems(kept, "cola", 1));
        String other = node().send(openTable("T2")).getString("order_id");
        node().send(addItems(other, "espresso", 2));
        long head = node().serverSequence();
        assertThat(head - seen).isEqualTo(3).isLessThanOrEqualTo(GAP_LIMIT);
        Terminal.Stats before = a.stats();
        assertThat(a.terminal.state()).as("it waits for the test").isEqualTo(State.OFFLINE);

        a.terminal.reconnectNow();
        a.awaitState(State.ONLINE);

        assertThat(a.terminal.orders().sequence()).as("caught up before it is online").isEqualTo(head);
        Terminal.Stats after = a.stats();
        assertThat(after.syncs() - before.syncs()).isEqualTo(1);
        assertThat(after.fullSyncs()).isEqualTo(before.fullSyncs());
        assertThat(after.eventsApplied() - before.eventsApplied()).isEqualTo(3);
        assertThat(a.terminal.orders().order(other)).isPresent();
        assertThat(a.terminal.orders().order(kept).orElseThrow().items()).hasSize(1);
    }

    @Test
    default void aReconnectionTooFarBehindReplacesTheMirrorWithAFullSync() throws Exception {
        WatchedTerminal a = open(BY_HAND).awaitState(State.ONLINE);
        String closing = a.terminal.send(openTable("T1")).await().orderId();
        a.terminal.send(addItems(closing, "cola", 1)).await();
        a.awaitSequence(node().serverSequence());
        cutOff();
        a.awaitState(State.OFFLINE);
        restore();

        long seen = a.terminal.orders().sequence();
        node().send(command("ADD_PAYMENT", new JsonObject().put("order_id", closing).put("method", "cash")
                .put("amount", 300)));
        node().send(command("COMPLETE_ORDER", new JsonObject().put("order_id", closing).put("receipt_number", "R-7")));
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = node().send(openTable(null)).getString("order_id");
            node().send(addItems(id, "espresso", 1 + i));
            opened.add(id);
        }
        long head = node().serverSequence();
        assertThat(head - seen).isEqualTo(8).isGreaterThan(GAP_LIMIT);
        Terminal.Stats before = a.stats();

        a.terminal.reconnectNow();
        a.awaitState(State.ONLINE);

        Terminal.Stats after = a.stats();
        assertThat(after.fullSyncs() - before.fullSyncs()).isEqualTo(1);
        assertThat(after.eventsApplied()).as("nothing folded: replaced").isEqualTo(before.eventsApplied());
        assertThat(a.terminal.orders().sequence()).isEqualTo(head);
        assertThat(a.terminal.orders().order(closing)).as("completed while it was away").isEmpty();
        assertThat(a.terminal.orders().orders()).extracting(Order::orderId).containsExactlyInAnyOrderElementsOf(opened);
        assertThat(a.changes.stream().filter(c -> !(c instanceof Change.ResourceChanged)).toList()).last()
                .isEqualTo(new Change.OrdersReloaded(head));
    }

    @Test
    default void aNewNodeEpochReloadsTheResources() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        String epoch = a.on(() -> a.terminal.resources().epoch().orElseThrow());
        long lists = a.on(() -> a.terminal.resources().stats().listRequests());
        long losses = a.stats().losses();
        int changes = a.changes.size();

        node().restart();
        a.await(() -> a.terminal.stats().losses() > losses && a.terminal.state() == State.ONLINE,
                "online again after the restart");

        String now = node().request(Addresses.RESOURCES_STATUS, new JsonObject()).getString("epoch");
        assertThat(now).isNotEqualTo(epoch);
        assertThat(a.on(() -> a.terminal.resources().epoch().orElseThrow())).isEqualTo(now);
        assertThat(a.on(() -> a.terminal.resources().stats().listRequests()) - lists)
                .as("every type listed again").isEqualTo(ResourceType.values().length);
        List<Change> seen = List.copyOf(a.changes);
        assertThat(seen.subList(changes, seen.size()).stream()
                .filter(c -> c instanceof Change.ResourceChanged(ResourceMirror.Change.TypeReloaded reloaded))
                .count()).as("a redraw of every type").isEqualTo(ResourceType.values().length);

        node().changeResource("create", "product", "tea", new JsonObject().put("name", "Tea").put("price", 220));
        a.await(() -> a.terminal.resources().item(ResourceType.PRODUCT, "tea").isPresent(), "the new product");
    }

    @Test
    default void aTerminalStartedWhileTheNodeIsAwayComesOnlineOnceItCanBeReached() throws Exception {
        cutOff();
        WatchedTerminal a = open(QUICK).awaitState(State.OFFLINE);
        assertThat(a.terminal.lastFailure()).isPresent();
        assertThat(failure(a.terminal.send(openTable("T1")))).isInstanceOf(TerminalOfflineException.class);

        restore();
        a.awaitState(State.ONLINE);
        assertThat(a.on(() -> a.terminal.resources().item(ResourceType.PRODUCT, "cola"))).isPresent();
        assertThat(a.terminal.send(openTable("T1")).await().success()).isTrue();
    }

    @Test
    default void itsStatesCanBeFollowedUntilItIsClosed() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        cutOff();
        a.awaitNot(State.ONLINE);
        restore();
        a.awaitState(State.ONLINE);
        a.terminal.close().await();

        List<State> states = List.copyOf(a.states);
        assertThat(states).startsWith(State.ONLINE, State.OFFLINE).endsWith(State.ONLINE, State.CLOSED);
        Map<State, Set<State>> allowed = Map.of(State.ONLINE, Set.of(State.OFFLINE, State.CLOSED),
                State.OFFLINE, Set.of(State.CONNECTING, State.CLOSED),
                State.CONNECTING, Set.of(State.ONLINE, State.OFFLINE, State.CLOSED));
        for (int i = 1; i < states.size(); i++) {
            assertThat(allowed.get(states.get(i - 1))).as("after " + states.get(i - 1)).contains(states.get(i));
        }
        Throwable closed = failure(a.terminal.send(openTable("T1")));
        assertThat(((TerminalOfflineException) closed).state()).isEqualTo(State.CLOSED);
        assertThat(failure(a.terminal.whenOnline())).isInstanceOf(TerminalOfflineException.class);
        a.terminal.reconnectNow();
        assertThat(a.terminal.state()).isEqualTo(State.CLOSED);
    }

    // ------------------------------------------------------------------------------- afterwards

    @AfterEach
    default void everyMirrorEqualsTheNodeAfterwards() throws Exception {
        try {
            long head = node().serverSequence();
            JsonObject active = node().request(Addresses.ORDERS_ACTIVE, new JsonObject());
            assertThat(active.getLong("server_sequence")).isEqualTo(head);
            List<JsonObject> nodeOrders = active.getJsonArray("orders").stream().map(JsonObject.class::cast)
                    .sorted(Comparator.comparing(o -> o.getString("order_id"))).toList();
            for (WatchedTerminal watched : opened()) {
                if (watched.terminal.state() == State.CLOSED || watched.terminal.state() == State.REFUSED) {
                    continue;
                }
                watched.awaitState(State.ONLINE).awaitSequence(head);
                ActiveOrders mirror = watched.terminal.orders();
                assertThat(mirror.sequence()).isEqualTo(head);
                assertThat(mirror.orders()).as("the mirror's orders as records")
                        .isEqualTo(nodeOrders.stream().map(TerminalContract::order).toList());
                assertThat(mirror.orders().stream().map(TerminalContract::tree).toList()).as("and as JSON")
                        .isEqualTo(nodeOrders.stream().map(TerminalContract::tree).toList());
                assertResourcesEqualTheNode(watched);
            }
        } finally {
            closeAll();
        }
    }

    private void assertResourcesEqualTheNode(WatchedTerminal watched) throws InterruptedException {
        for (ResourceType type : ResourceType.values()) {
            JsonObject listed = node().request(Addresses.RESOURCES_LIST, new JsonObject().put("resource", type.wireName()));
            long version = listed.getLong("version");
            watched.await(() -> watched.terminal.resources().version(type).value() == version, type + " version " + version);
            assertThat(watched.on(() -> watched.terminal.resources().items(type)).stream().map(JsonObject::encode).toList())
                    .as(type + " items").isEqualTo(listed.getJsonArray("items").stream()
                            .map(i -> ((JsonObject) i).encode()).toList());
        }
    }

    /** Waits until the screen shows {@code line}, skipping the lines before it. */
    static void awaitLine(BlockingQueue<String> screen, String line) throws InterruptedException {
        while (true) {
            String shown = screen.poll(WatchedTerminal.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            if (shown == null) {
                throw new AssertionError("the screen did not show \"" + line + "\" within " + WatchedTerminal.PATIENCE);
            }
            if (shown.equals(line)) {
                return;
            }
        }
    }

    private static List<Change.OrderChanged> orderChanges(WatchedTerminal watched) {
        return watched.changes.stream().filter(Change.OrderChanged.class::isInstance)
                .map(Change.OrderChanged.class::cast).toList();
    }

    private static Order order(JsonObject json) {
        try {
            return Json.MAPPER.readValue(json.encode(), Order.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** JSON as the wire carries it, read into one comparable form. */
    private static JsonNode tree(Object value) {
        try {
            return Json.MAPPER.readTree(value instanceof JsonObject json ? json.encode()
                    : new String(Json.bytes(value), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
