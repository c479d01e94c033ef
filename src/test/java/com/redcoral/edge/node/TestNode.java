package com.redcoral.edge.node;

import com.redcoral.edge.resource.PinHash;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node for integration tests: its own Vert.x, a temporary data folder, port 0, and a small
 * store seed in which the manager {@code mgr_01} approves with PIN {@value #MANAGER_PIN}, the cashier
 * {@code emp_01} has {@value #CASHIER_PIN}, and the bootstrapped {@code admin} has {@value #ADMIN_PIN}.
 * Espresso is made at the print destination {@code bar}; cola goes to no kitchen; the category {@code food}
 * goes to {@code kitchen} and holds no product until a test adds one.
 * Commands are built as JSON bodies, exactly as a bridge client sends them.
 */
final class TestNode implements AutoCloseable {

    static final String MANAGER_PIN = "2468";
    static final String CASHIER_PIN = "1357";
    static final String ADMIN_PIN = "97531";

    final Vertx vertx = Vertx.vertx();
    final Path dataDir;
    final NodeConfig config;
    EdgeNode node;

    TestNode(Path dir) throws IOException {
        this(dir, 1000);
    }

    TestNode(Path dir, int gapLimit) throws IOException {
        this(dir, gapLimit, NodeConfig.defaults().bridge());
    }

    TestNode(Path dir, int gapLimit, NodeConfig.Bridge bridge) throws IOException {
        this(dir, gapLimit, bridge, NodeConfig.defaults().resources());
    }

    TestNode(Path dir, int gapLimit, NodeConfig.Bridge bridge, NodeConfig.Resources resources) throws IOException {
        this(dir, gapLimit, bridge, resources, null);
    }

    /**
     * A node that also listens on the network: TLS on 127.0.0.1, port 0, certificates in {@code dir/certs}
     * (made on the first start unless the test put a CA there), pages of {@code allowedOrigins} let in.
     */
    static TestNode networked(Path dir, NodeConfig.Bridge bridge, List<String> allowedOrigins) throws IOException {
        return networked(dir, 1000, bridge, allowedOrigins);
    }

    /** {@link #networked(Path, NodeConfig.Bridge, List)}, answering sync incrementally within {@code gapLimit} events. */
    static TestNode networked(Path dir, int gapLimit, NodeConfig.Bridge bridge, List<String> allowedOrigins)
            throws IOException {
        return new TestNode(dir, gapLimit, bridge, NodeConfig.defaults().resources(),
                new NodeConfig.Tls(true, "127.0.0.1", 0, dir.resolve("certs"), allowedOrigins));
    }

    private TestNode(Path dir, int gapLimit, NodeConfig.Bridge bridge, NodeConfig.Resources resources,
                     NodeConfig.Tls tls) throws IOException {
        this.dataDir = dir.resolve("data");
        Path seed = Files.createDirectories(dir).resolve("seed.json");
        if (!Files.exists(seed)) {
            Files.writeString(seed, seedJson());
        }
        NodeConfig defaults = NodeConfig.defaults();
        // The network listener is off unless a test turns it on: it needs certificates.
        this.config = new NodeConfig(dataDir, new NodeConfig.Http("127.0.0.1", 0, "admin"),
                tls != null ? tls : new NodeConfig.Tls(false, "127.0.0.1", 0, dir.resolve("certs"), List.of()),
                bridge, new NodeConfig.Sync(gapLimit), resources, defaults.pins(), defaults.kitchen(), seed.toString());
    }

    /** What a test node changes: the admin's PIN comes from here, not from the machine's environment. */
    static final EdgeNode.Hooks HOOKS = EdgeNode.Hooks.NONE
            .withEnv(name -> EdgeNode.BOOTSTRAP_PIN.equals(name) ? ADMIN_PIN : null);

    TestNode start() {
        return start(HOOKS);
    }

    TestNode start(EdgeNode.Hooks hooks) {
        node = EdgeNode.start(vertx, config, hooks).await();
        return this;
    }

    TestNode restart() {
        node.stop().await();
        return start();
    }

    JsonObject send(JsonObject command) {
        return request(Addresses.ORDERS_COMMAND, command);
    }

    JsonObject request(String address, JsonObject body) {
        return vertx.eventBus().<JsonObject>request(address, body).await().body();
    }

    /**
     * Receives every event of pos.orders.events committed from now on. A command is answered once it
     * is durable, which may be just before its events are published: those, already committed when
     * this is called, are left out, so a test never sees the tail of an earlier command.
     */
    Events listen() {
        Events events = new Events();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.ORDERS_EVENTS,
                (Message<JsonObject> m) -> events.queue.add(m.body()));
        consumer.completion().await();
        events.skipThrough = status().getLong("server_sequence");
        return events;
    }

    /** Receives every message published on {@code address} from now on. */
    Events listen(String address) {
        Events events = new Events();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address,
                (Message<JsonObject> m) -> events.queue.add(m.body()));
        consumer.completion().await();
        return events;
    }

    /** Published events as they arrive; {@link #next} waits for one (with a timeout), never sleeps. */
    static final class Events {
        private final BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
        /** Order events up to this sequence were committed before listening and are left out. */
        private volatile long skipThrough = -1;

        JsonObject next() throws InterruptedException {
            while (true) {
                JsonObject event = queue.poll(10, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no event published within 10 s");
                }
                if (!isEarlier(event)) {
                    return event;
                }
            }
        }

        private boolean isEarlier(JsonObject message) {
            return message.getValue("sequence") instanceof Number sequence && sequence.longValue() <= skipThrough;
        }

        List<JsonObject> next(int n) throws InterruptedException {
            List<JsonObject> events = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                events.add(next());
            }
            return events;
        }

        /** What has arrived and not been taken yet. */
        List<JsonObject> pending() {
            return queue.stream().filter(message -> !isEarlier(message)).toList();
        }
    }

    JsonObject status() {
        return request(Addresses.NODE_STATUS, new JsonObject());
    }

    @Override
    public void close() {
        try {
            if (node != null) {
                node.stop().await();
            }
        } finally {
            vertx.close().await();
        }
    }

    static JsonObject command(String type, JsonObject payload) {
        return command(UUID.randomUUID().toString(), "emp_01", type, payload);
    }

    static JsonObject command(String commandId, String operator, String type, JsonObject payload) {
        return new JsonObject().put("command_id", commandId).put("timestamp", 1_737_270_000_000L)
                .put("operator_id", operator).put("type", type).put("payload", payload);
    }

    /** The command with the manager's approval. */
    static JsonObject approved(JsonObject command) {
        return command.put("authorizer_id", "mgr_01").put("authorizer_pin", MANAGER_PIN);
    }

    static JsonObject openTable(String tableId) {
        return command("OPEN_TABLE", tableId == null ? new JsonObject() : new JsonObject().put("table_id", tableId));
    }

    static JsonObject addItems(String orderId, String productId, int quantity) {
        return command("ADD_ITEMS", new JsonObject().put("order_id", orderId).put("items",
                new JsonArray().add(new JsonObject().put("product_id", productId).put("quantity", quantity))));
    }

    private static String seedJson() {
        return """
                {
                  "print_destination": [{"id": "bar", "name": "Bar"}, {"id": "kitchen", "name": "Kitchen"}],
                  "category": [{"id": "coffee", "name": "Coffee", "print_destination_id": "bar"},
                               {"id": "food", "name": "Food", "print_destination_id": "kitchen"},
                               {"id": "drinks", "name": "Drinks"}],
                  "zone": [{"id": "hall", "name": "Hall", "surcharge_percent": 0},
                           {"id": "terrace", "name": "Terrace", "surcharge_percent": 10}],
                  "dining_table": [{"id": "T1", "name": "Table 1", "zone_id": "hall"},
                                   {"id": "T2", "name": "Table 2", "zone_id": "hall"},
                                   {"id": "P1", "name": "Terrace 1", "zone_id": "terrace"}],
                  "product": [{"id": "espresso", "name": "Espresso", "price": 250, "category_id": "coffee"},
                              {"id": "cola", "name": "Cola", "price": 300, "category_id": "drinks"}],
                  "role": [{"id": "manager", "name": "Manager", "permissions": ["order.discount", "order.void",
                             "order.remove_item", "order.cancel_payment", "order.price_override",
                             "order.surcharge_exempt", "resources.manage"]},
                           {"id": "cashier", "name": "Cashier", "permissions": []}],
                  "employee": [{"id": "emp_01", "name": "Zhang San", "role_id": "cashier", "pin_hash": "%s"},
                               {"id": "mgr_01", "name": "Li", "role_id": "manager", "pin_hash": "%s"},
                               {"id": "old_01", "name": "Gone", "role_id": "cashier", "active": false,
                                "pin_hash": "%s"}]
                }
                """.formatted(CASHIER_HASH, MANAGER_HASH, CASHIER_HASH);
    }

    /** Hashed once per test run: each hash takes a tenth of a second on purpose. */
    private static final String CASHIER_HASH = PinHash.hash(CASHIER_PIN);
    private static final String MANAGER_HASH = PinHash.hash(MANAGER_PIN);

    /** A ResourceCommand of the bootstrapped admin. */
    static JsonObject resource(String action, String type, String id, JsonObject data) {
        JsonObject command = new JsonObject().put("resource", type).put("action", action)
                .put("operator_id", "admin").put("operator_pin", ADMIN_PIN);
        if (id != null) {
            command.put("id", id);
        }
        return data == null ? command : command.put("data", data);
    }

    JsonObject changeResource(JsonObject command) {
        return request(Addresses.RESOURCES_COMMAND, command);
    }
}
