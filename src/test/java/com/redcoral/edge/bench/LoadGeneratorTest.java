package com.redcoral.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order bench against a fake node in this JVM: a real SockJS bridge, a command consumer that
 * checks each command, ACKs it, publishes one event and counts a group commit per two commands.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class LoadGeneratorTest {

    private static final Duration MS_250 = Duration.ofMillis(250);

    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Set<String> commandIds = ConcurrentHashMap.newKeySet();
    private final Set<String> openOrders = ConcurrentHashMap.newKeySet();
    private volatile long replyDelayMs;
    private volatile String failingType = "";
    private URI bridge;

    @BeforeEach
    void fakeNode(Vertx vertx, VertxTestContext ready) {
        vertx.eventBus().<JsonObject>consumer(Addresses.ORDERS_COMMAND, m -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            if (replyDelayMs > 0) {
                vertx.setTimer(replyDelayMs, id -> answer(vertx, m));
            } else {
                answer(vertx, m);
            }
        });
        vertx.eventBus().<JsonObject>consumer(Addresses.NODE_STATUS, m -> m.reply(new JsonObject()
                .put("role", "primary").put("state", "serving").put("server_sequence", committed.get())
                .put("commits", commits.get()).put("commands", committed.get())
                .put("events_published", committed.get())));
        SockJSBridgeOptions options = new SockJSBridgeOptions()
                .addInboundPermitted(new PermittedOptions().setAddress(Addresses.ORDERS_COMMAND))
                .addInboundPermitted(new PermittedOptions().setAddress(Addresses.NODE_STATUS))
                .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.ORDERS_EVENTS));
        Router router = Router.router(vertx);
        router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options));
        vertx.createHttpServer().requestHandler(router).listen(0).onComplete(ready.succeeding(server -> {
            bridge = BridgeConnection.bridgeUri(URI.create("http://127.0.0.1:" + server.actualPort()));
            ready.completeNow();
        }));
    }

    /** ACKs a well-formed command of the espresso cycle, or NACKs it as the node would. */
    private void answer(Vertx vertx, Message<JsonObject> m) {
        inFlight.decrementAndGet();
        JsonObject command = m.body();
        String type = command.getString("type");
        received.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
        JsonObject payload = command.getJsonObject("payload");
        String orderId = type.equals("OPEN_TABLE") ? UUID.randomUUID().toString() : payload.getString("order_id");
        String problem = type.equals(failingType) ? "NOT_FULLY_PAID" : wrongIn(command, orderId);
        JsonObject reply = new JsonObject().put("command_id", command.getString("command_id")).put("duplicate", false);
        if (problem != null) {
            refused.incrementAndGet();
            m.reply(reply.put("success", false).putNull("order_id")
                    .put("error", new JsonObject().put("code", problem).put("message", "refused by the fake")));
            return;
        }
        openOrders.add(orderId);
        if (committed.incrementAndGet() % 2 == 1) {
            commits.incrementAndGet();
        }
        m.reply(reply.put("success", true).put("order_id", orderId).putNull("error"));
        vertx.eventBus().publish(Addresses.ORDERS_EVENTS, new JsonObject().put("sequence", committed.get())
                .put("order_id", orderId).put("event_type", type));
    }

    private String wrongIn(JsonObject command, String orderId) {
        JsonObject payload = command.getJsonObject("payload");
        boolean valid = commandIds.add(UUID.fromString(command.getString("command_id")).toString())
                && command.getLong("timestamp") > 0
                && "emp_01".equals(command.getString("operator_id"))
                && (command.getString("type").equals("OPEN_TABLE") ? payload.isEmpty() : openOrders.contains(orderId))
                && switch (command.getString("type")) {
                    case "ADD_ITEMS" -> payload.getJsonArray("items").equals(new JsonArray()
                            .add(new JsonObject().put("product_id", "espresso").put("quantity", 2)));
                    case "ADD_PAYMENT" -> "cash".equals(payload.getString("method")) && payload.getLong("amount") == 500;
                    case "COMPLETE_ORDER" -> payload.getString("receipt_number") != null;
                    default -> true;
                };
        return valid ? null : "INVALID_COMMAND";
    }

    private long received(String type) {
        return received.getOrDefault(type, new AtomicLong()).get();
    }

    @Test
    void closedModeKeepsOneCommandPerTerminalInFlightAndCountsWhatTheNodeDid(Vertx vertx, VertxTestContext test) {
        replyDelayMs = 2;
        new LoadGenerator(vertx, bridge, LoadProfile.closed(4, Duration.ofMillis(200), Duration.ofMillis(500))).run()
                .onComplete(test.succeeding(report -> test.verify(() -> {
                    assertThat(report.failed()).isZero();
                    assertThat(refused.get()).isZero();
                    assertThat(report.maxInFlight()).isEqualTo(1);
                    assertThat(mostInFlight.get()).isLessThanOrEqualTo(4);
                    assertThat(received("COMPLETE_ORDER")).isPositive();
                    assertThat(report.acked()).isPositive();
                    assertThat(report.latency().getTotalCount()).isEqualTo(report.sent());
                    assertThat(report.latency().getValueAtPercentile(50)).isGreaterThanOrEqualTo(2_000);
                    assertThat(report.durablePerSecond()).isCloseTo(report.acked() / 0.5, within(0.01));
                    long slack = report.acked() / 20 + 8;
                    assertThat(report.eventsPerTerminal()).hasSize(4)
                            .allSatisfy(events -> assertThat(events).isCloseTo(report.acked(), within(slack)));
                    JsonObject node = report.nodeDelta();
                    assertThat(node.getLong("commands")).isCloseTo(report.acked(), within(slack));
                    assertThat(node.getDouble("commands_per_fsync")).isCloseTo(2.0, within(0.1));
                    assertJsonShape(report.json());
                    assertThat(report.text()).contains("durable commands/s", "ACK latency", "commands per fsync");
                    test.completeNow();
                })));
    }

    @Test
    void openModeSendsOnScheduleWhetherOrNotEarlierCommandsWereAnswered(Vertx vertx, VertxTestContext test) {
        replyDelayMs = 20;
        // 400 commands/s over 4 terminals: each sends every 10 ms, while a reply takes 20 ms.
        new LoadGenerator(vertx, bridge, LoadProfile.open(4, 400, MS_250, Duration.ofMillis(750))).run()
                .onComplete(test.succeeding(report -> test.verify(() -> {
                    assertThat(report.failed()).isZero();
                    assertThat(report.sent()).isCloseTo(300, within(4L));
                    long total = received.values().stream().mapToLong(AtomicLong::get).sum();
                    assertThat(total).isCloseTo(400, within(4L));
                    assertThat(report.maxInFlight()).isGreaterThanOrEqualTo(2);
                    assertThat(report.latency().getTotalCount()).isEqualTo(report.sent());
                    assertThat(report.latency().getValueAtPercentile(50)).isGreaterThanOrEqualTo(20_000);
                    assertThat(report.json().getDouble("rate")).isEqualTo(400.0);
                    test.completeNow();
                })));
    }

    @Test
    void openModeTurnsArrivalsAwayBeyondTheInFlightLimitAsFailures(Vertx vertx, VertxTestContext test) {
        replyDelayMs = 50;
        LoadProfile open = LoadProfile.open(2, 200, Duration.ZERO, Duration.ofMillis(300));
        LoadProfile oneInFlight = new LoadProfile(open.terminals(), open.mode(), open.rate(), open.warmup(),
                open.duration(), open.product(), open.price(), open.operator(), open.timeout(), 1, open.listeners());
        new LoadGenerator(vertx, bridge, oneInFlight).run()
                .onComplete(test.succeeding(report -> test.verify(() -> {
                    assertThat(report.maxInFlight()).isEqualTo(1);
                    assertThat(report.failed()).isPositive();
                    assertThat(report.errors())
                            .containsOnlyKeys("not sent: the terminal is at its limit of 1 unanswered commands");
                    test.completeNow();
                })));
    }

    @Test
    void commandsTheNodeRefusesAreCountedAsFailures(Vertx vertx, VertxTestContext test) {
        failingType = "ADD_PAYMENT";
        new LoadGenerator(vertx, bridge, LoadProfile.closed(2, Duration.ZERO, Duration.ofMillis(300))).run()
                .onComplete(test.succeeding(report -> test.verify(() -> {
                    assertThat(report.failed()).isPositive().isBetween(refused.get() - 2, refused.get());
                    assertThat(received("COMPLETE_ORDER")).isZero();
                    assertThat(report.errors()).containsOnlyKeys("ADD_PAYMENT: NOT_FULLY_PAID (refused by the fake)");
                    assertThat(report.errors().values()).containsExactly(refused.get());
                    assertThat(report.json().getLong("failures")).isEqualTo(report.failed());
                    test.completeNow();
                })));
    }

    private static void assertJsonShape(JsonObject json) {
        assertThat(json.fieldNames()).containsExactlyInAnyOrder("mode", "terminals", "rate", "warmup_s", "duration_s",
                "commands_sent", "commands_acked", "durable_commands_per_s", "failures", "errors",
                "ack_latency_us", "events_received", "events_per_s", "events_per_s_per_terminal",
                "max_in_flight_per_terminal", "node", "node_write_latency_us");
        assertThat(json.getString("mode")).isEqualTo("closed");
        assertThat(json.getValue("rate")).isNull();
        assertThat(json.getJsonObject("ack_latency_us").fieldNames())
                .containsExactlyInAnyOrder("samples", "p50", "p99", "p99_9", "max");
        assertThat(json.getJsonArray("events_per_s_per_terminal")).hasSize(4);
        assertThat(json.getJsonObject("node").fieldNames())
                .containsExactlyInAnyOrder("commits", "commands", "events_published", "commands_per_fsync");
        assertThat(List.of(json.getDouble("durable_commands_per_s"), json.getDouble("events_per_s"))).allMatch(v -> v > 0);
    }
}
