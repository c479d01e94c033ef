package com.redcoral.edge.cli;

import com.redcoral.edge.node.EdgeNode;
import com.redcoral.edge.node.NodeConfig;
import com.redcoral.edge.resource.PinHash;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A real node for the admin CLI's tests: its own Vert.x, a temporary data folder, the loopback listener on
 * a free port (an admin's), and a small store in which the manager {@code mgr_01} (Li, PIN
 * {@value #MANAGER_PIN}) holds every permission and the cashier {@code emp_01} (Zhang San) none.
 */
final class AdminNode implements AutoCloseable {

    static final String MANAGER_PIN = "2468";

    final Vertx vertx = Vertx.vertx();
    final Path dataDir;
    final EdgeNode node;

    AdminNode(Path dir) throws IOException {
        dataDir = dir.resolve("data");
        Path seed = Files.createDirectories(dir).resolve("seed.json");
        Files.writeString(seed, SEED);
        NodeConfig defaults = NodeConfig.defaults();
        NodeConfig config = new NodeConfig(dataDir, new NodeConfig.Http("127.0.0.1", 0, "admin"),
                new NodeConfig.Tls(false, "127.0.0.1", 0, dir.resolve("certs"), List.of()), defaults.bridge(),
                defaults.sync(), defaults.resources(), defaults.pins(), defaults.kitchen(), seed.toString());
        node = EdgeNode.start(vertx, config).await();
    }

    String url() {
        return node.url();
    }

    JsonObject request(String address, JsonObject body) {
        return vertx.eventBus().<JsonObject>request(address, body).await().body();
    }

    /** An order command of the cashier, as a till sends it; the reply must be a success. */
    JsonObject order(String type, JsonObject payload) {
        return order("emp_01", type, payload, false);
    }

    JsonObject order(String operator, String type, JsonObject payload, boolean approved) {
        JsonObject command = new JsonObject().put("command_id", UUID.randomUUID().toString())
                .put("timestamp", 1_737_270_000_000L).put("operator_id", operator).put("type", type)
                .put("payload", payload);
        if (approved) {
            command.put("authorizer_id", "mgr_01").put("authorizer_pin", MANAGER_PIN);
        }
        JsonObject reply = request("pos.orders.command", command);
        if (!reply.getBoolean("success")) {
            throw new AssertionError(type + " refused: " + reply.encode());
        }
        return reply;
    }

    /** Opens an order at {@code table} (null: a counter order) with {@code quantity} colas; its id. */
    String orderWithColas(String table, int quantity) {
        String order = order("OPEN_TABLE", table == null ? new JsonObject() : new JsonObject().put("table_id", table))
                .getString("order_id");
        order("ADD_ITEMS", new JsonObject().put("order_id", order).put("items",
                new JsonArray().add(new JsonObject().put("product_id", "cola").put("quantity", quantity))));
        return order;
    }

    @Override
    public void close() {
        try {
            node.stop().await();
        } finally {
            vertx.close().await();
        }
    }

    private static final String SEED = """
            {
              "zone": [{"id": "hall", "name": "Hall", "surcharge_percent": 0}],
              "dining_table": [{"id": "T1", "name": "Table 1", "zone_id": "hall"},
                               {"id": "T2", "name": "Table 2", "zone_id": "hall"}],
              "print_destination": [{"id": "kitchen", "name": "Kitchen"}],
              "product": [{"id": "espresso", "name": "Espresso", "price": 250},
                          {"id": "cola", "name": "Cola", "price": 300}],
              "role": [{"id": "manager", "name": "Manager", "permissions": ["order.discount", "order.void",
                         "order.remove_item", "order.cancel_payment", "order.price_override",
                         "order.surcharge_exempt", "resources.manage"]},
                       {"id": "cashier", "name": "Cashier", "permissions": []}],
              "employee": [{"id": "emp_01", "name": "Zhang San", "role_id": "cashier", "pin_hash": "%s"},
                           {"id": "mgr_01", "name": "Li", "role_id": "manager", "pin_hash": "%s"}]
            }
            """.formatted(PinHash.hash("1357"), PinHash.hash(MANAGER_PIN));
}
