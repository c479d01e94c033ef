package com.redcoral.edge.cli;

import com.redcoral.edge.node.EdgeNode;
import com.redcoral.edge.node.NodeConfig;
import com.redcoral.edge.resource.PinHash;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node in this JVM for the command-line tests, started through the public API on port 0: a café whose
 * espresso goes to the print destination {@code bar}, three tables, and the cashier {@code emp_01}. It
 * collects every ticket change of the bar, so a test knows the tickets' numbers.
 */
final class KitchenNode implements AutoCloseable {

    private static final String SEED = """
            {
              "print_destination": [{"id": "bar", "name": "Bar"}],
              "category": [{"id": "coffee", "name": "Coffee", "print_destination_id": "bar"}],
              "dining_table": [{"id": "T1", "name": "Table 1"}, {"id": "T2", "name": "Table 2"},
                               {"id": "P1", "name": "Terrace 1"}],
              "product": [{"id": "espresso", "name": "Espresso", "price": 250, "category_id": "coffee"}],
              "role": [{"id": "waiter", "name": "Waiter", "permissions": ["order.remove_item", "order.void"]}],
              "employee": [{"id": "emp_01", "name": "Zhang San", "role_id": "waiter", "pin_hash": "%s"}]
            }
            """;

    final Vertx vertx = Vertx.vertx();
    final EdgeNode node;
    private final BlockingQueue<JsonObject> barTickets = new LinkedBlockingQueue<>();

    KitchenNode(Path dir) throws IOException {
        Path seed = Files.writeString(Files.createDirectories(dir).resolve("seed.json"),
                SEED.formatted(PinHash.hash("1357")));
        NodeConfig defaults = NodeConfig.defaults();
        NodeConfig config = new NodeConfig(dir.resolve("data"), new NodeConfig.Http("127.0.0.1", 0, "admin"),
                new NodeConfig.Tls(false, "127.0.0.1", 0, dir.resolve("certs"), List.of()), defaults.bridge(),
                defaults.sync(), defaults.resources(), defaults.pins(), defaults.kitchen(), seed.toString());
        node = EdgeNode.start(vertx, config).await();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer("pos.kitchen.bar",
                message -> barTickets.add(message.body()));
        consumer.completion().await();
    }

    int port() {
        return node.port();
    }

    /** The ticket of the next change of this kind published for the bar, passing others (waits up to 10 s). */
    JsonObject nextBarTicket(String kind) throws InterruptedException {
        while (true) {
            JsonObject change = barTickets.poll(10, TimeUnit.SECONDS);
            if (change == null) {
                throw new AssertionError("no " + kind + " ticket change of the bar within 10 s");
            }
            if (change.getString("change").equals(kind)) {
                return change.getJsonObject("ticket");
            }
        }
    }

    String open(String table) {
        return command("OPEN_TABLE", new JsonObject().put("table_id", table)).getString("order_id");
    }

    /** Rings up espressos and answers the bar's new ticket's id. */
    String espressos(String orderId, int quantity) throws InterruptedException {
        command("ADD_ITEMS", new JsonObject().put("order_id", orderId).put("items", new JsonArray()
                .add(new JsonObject().put("product_id", "espresso").put("quantity", quantity))));
        return nextBarTicket("CREATED").getString("ticket_id");
    }

    JsonObject command(String type, JsonObject payload) {
        JsonObject reply = request("pos.orders.command", new JsonObject().put("command_id", UUID.randomUUID().toString())
                .put("timestamp", 1L).put("operator_id", "emp_01").put("type", type).put("payload", payload));
        if (!reply.getBoolean("success")) {
            throw new AssertionError(type + " was refused: " + reply);
        }
        return reply;
    }

    JsonObject request(String address, JsonObject body) {
        return vertx.eventBus().<JsonObject>request(address, body).await().body();
    }

    @Override
    public void close() {
        try {
            node.stop().await();
        } finally {
            vertx.close().await();
        }
    }
}
