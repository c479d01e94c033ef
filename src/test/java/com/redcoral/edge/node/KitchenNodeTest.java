package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.command;
import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kitchen tickets on a real node: published per destination, bumped and recalled, kept across restarts. */
@Timeout(60)
class KitchenNodeTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private TestNode started() throws Exception {
        return new TestNode(dir).start(new EdgeNode.Hooks(clock, s -> s, s -> s, TestNode.HOOKS.env()));
    }

    @Test
    void itemsRungUpArePublishedAsTicketsOnTheirDestinationsAddressAndListed() throws Exception {
        try (TestNode t = started()) {
            addSoup(t);
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            TestNode.Events kitchen = t.listen("pos.kitchen.kitchen");
            String order = open(t, "T1");
            JsonObject added = t.send(command("ADD_ITEMS", new JsonObject().put("order_id", order).put("items",
                    new JsonArray().add(item("espresso", 2).put("options", new JsonArray().add("oat milk")))
                            .add(item("cola", 1)).add(item("soup", 1).put("note", "no bread")))));
            assertThat(added.getBoolean("success")).isTrue();

            JsonObject drinks = bar.next();
            assertThat(drinks.getString("destination_id")).isEqualTo("bar");
            assertThat(drinks.getString("change")).isEqualTo("CREATED");
            JsonObject ticket = drinks.getJsonObject("ticket");
            assertThat(ticket.getString("ticket_id")).isEqualTo(ticket.getLong("sequence").toString());
            assertThat(ticket.getString("order_id")).isEqualTo(order);
            assertThat(ticket.getString("table_id")).isEqualTo("T1");
            assertThat(ticket.getString("table_name")).isEqualTo("Table 1");
            assertThat(ticket.getString("operator_name")).isEqualTo("Zhang San");
            assertThat(ticket.getLong("created_at")).isEqualTo(clock.millis());
            assertThat(ticket.getString("status")).isEqualTo("OPEN");
            assertThat(ticket.getInteger("version")).isEqualTo(1);
            assertThat(ticket.getJsonArray("items")).hasSize(1);
            JsonObject espresso = ticket.getJsonArray("items").getJsonObject(0);
            assertThat(espresso.getString("name")).isEqualTo("Espresso");
            assertThat(espresso.getInteger("quantity")).isEqualTo(2);
            assertThat(espresso.getInteger("cancelled_quantity")).isZero();
            assertThat(espresso.getJsonArray("options")).containsExactly("oat milk");

            JsonObject food = kitchen.next().getJsonObject("ticket");
            assertThat(food.getJsonArray("items").getJsonObject(0).getString("note")).isEqualTo("no bread");
            assertThat(food.getString("ticket_id")).isEqualTo(ticket.getString("ticket_id"));

            JsonObject listed = t.request("pos.kds.tickets", new JsonObject().put("destination_id", "bar"));
            assertThat(listed.getBoolean("success")).isTrue();
            assertThat(listed.getString("destination_name")).isEqualTo("Bar");
            assertThat(listed.getLong("recall_window_ms")).isEqualTo(900_000);
            assertThat(listed.getJsonArray("tickets")).containsExactly(ticket);
        }
    }

    @Test
    void removedItemsAreShownCancelledAndAVoidCancelsTheRest() throws Exception {
        try (TestNode t = started()) {
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            String order = open(t, "T1");
            t.send(addItems(order, "espresso", 3));
            JsonObject ticket = bar.next().getJsonObject("ticket");
            String line = ticket.getJsonArray("items").getJsonObject(0).getJsonObject("instances").fieldNames()
                    .iterator().next();

            assertThat(t.send(command(UUID.randomUUID().toString(), "mgr_01", "REMOVE_ITEM", new JsonObject()
                    .put("order_id", order).put("instance_id", line).put("quantity", 1))).getBoolean("success")).isTrue();
            JsonObject removed = bar.next();
            assertThat(removed.getString("change")).isEqualTo("ITEMS_CANCELLED");
            assertThat(removed.getJsonObject("ticket").getJsonArray("items").getJsonObject(0)
                    .getInteger("cancelled_quantity")).isEqualTo(1);
            assertThat(removed.getJsonObject("ticket").getInteger("version")).isEqualTo(2);

            assertThat(t.send(command(UUID.randomUUID().toString(), "mgr_01", "VOID_ORDER", new JsonObject()
                    .put("order_id", order).put("reason", "guests left"))).getBoolean("success")).isTrue();
            JsonObject voided = bar.next();
            assertThat(voided.getString("change")).isEqualTo("CANCELLED");
            assertThat(voided.getJsonObject("ticket").getString("status")).isEqualTo("CANCELLED");
            assertThat(voided.getJsonObject("ticket").getJsonArray("items").getJsonObject(0)
                    .getInteger("cancelled_quantity")).isEqualTo(3);
            assertThat(voided.getJsonObject("ticket").getLong("cancelled_at")).isEqualTo(clock.millis());
        }
    }

    @Test
    void aMovedOrdersTicketsFollowItToItsNewTable() throws Exception {
        try (TestNode t = started()) {
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            String order = open(t, "T1");
            t.send(addItems(order, "espresso", 1));
            bar.next();
            t.send(command("MOVE_ORDER", new JsonObject().put("order_id", order).put("target_table_id", "P1")));
            JsonObject moved = bar.next();
            assertThat(moved.getString("change")).isEqualTo("TABLE_CHANGED");
            assertThat(moved.getJsonObject("ticket").getString("table_name")).isEqualTo("Terrace 1");
        }
    }

    @Test
    void aBumpAndARecallAreStoredPublishedAndNameWhoAsked() throws Exception {
        try (TestNode t = started()) {
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            String order = open(t, "T1");
            t.send(addItems(order, "espresso", 1));
            String id = bar.next().getJsonObject("ticket").getString("ticket_id");
            clock.advance(Duration.ofMinutes(4));

            DeliveryOptions fromTheBridge = new DeliveryOptions()
                    .addHeader(CredentialVerticle.IDENTITY_HEADER, "bar screen (kitchen of bar, token t_1)");
            JsonObject bumped = t.vertx.eventBus().<JsonObject>request("pos.kds.bump", ticket("bar", id), fromTheBridge)
                    .await().body();
            assertThat(bumped.getBoolean("success")).isTrue();
            assertThat(bumped.getString("change")).isEqualTo("BUMPED");
            assertThat(bumped.getJsonObject("ticket").getString("status")).isEqualTo("BUMPED");
            assertThat(bumped.getJsonObject("ticket").getString("bumped_by"))
                    .isEqualTo("bar screen (kitchen of bar, token t_1)");
            assertThat(bumped.getJsonObject("ticket").getLong("bumped_at")).isEqualTo(clock.millis());
            assertThat(bar.next()).isEqualTo(new JsonObject().put("destination_id", "bar").put("change", "BUMPED")
                    .put("ticket", bumped.getJsonObject("ticket")));

            JsonObject again = t.request("pos.kds.bump", ticket("bar", id));
            assertThat(again.getBoolean("success")).isTrue();
            assertThat(again.getValue("change")).isNull();

            clock.advance(Duration.ofMinutes(15));
            JsonObject recalled = t.request("pos.kds.recall", ticket("bar", id));
            assertThat(recalled.getString("change")).isEqualTo("RECALLED");
            assertThat(recalled.getJsonObject("ticket").getString("status")).isEqualTo("OPEN");
            assertThat(recalled.getJsonObject("ticket").getString("recalled_by")).isEqualTo("in-process");
            assertThat(bar.next().getString("change")).isEqualTo("RECALLED");

            assertThat(t.request("pos.kds.bump", ticket("bar", id)).getString("change")).isEqualTo("BUMPED");
            bar.next();
            clock.advance(Duration.ofMinutes(15).plusMillis(1));
            assertThat(error(t.request("pos.kds.recall", ticket("bar", id)))).startsWith("RECALL_WINDOW_PASSED");
            assertThat(t.request("pos.kds.tickets", new JsonObject().put("destination_id", "bar"))
                    .getJsonArray("tickets")).isEmpty();

            // the next write drops it: then it is gone
            t.send(addItems(order, "espresso", 1));
            bar.next();
            assertThat(error(t.request("pos.kds.recall", ticket("bar", id)))).startsWith("TICKET_NOT_FOUND");
        }
    }

    @Test
    void badRequestsAreRefusedByName() throws Exception {
        try (TestNode t = started()) {
            assertThat(error(t.request("pos.kds.tickets", new JsonObject())))
                    .isEqualTo("INVALID_REQUEST destination_id: is required");
            assertThat(error(t.request("pos.kds.tickets", new JsonObject().put("destination_id", 7))))
                    .isEqualTo("INVALID_REQUEST destination_id: expected a string");
            assertThat(error(t.request("pos.kds.tickets", new JsonObject().put("destination_id", "grill"))))
                    .isEqualTo("INVALID_REQUEST destination_id: there is no print destination grill");
            assertThat(error(t.request("pos.kds.bump", new JsonObject().put("destination_id", "bar"))))
                    .isEqualTo("INVALID_REQUEST ticket_id: is required");
            assertThat(error(t.request("pos.kds.recall", new JsonObject().put("ticket_id", "4"))))
                    .isEqualTo("INVALID_REQUEST destination_id: is required");
            assertThat(error(t.request("pos.kds.bump", ticket("bar", "99")))).startsWith("TICKET_NOT_FOUND");
            assertThat(t.request("pos.kds.tickets", new JsonObject().put("destination_id", "kitchen"))
                    .getJsonArray("tickets")).isEmpty();
        }
    }

    @Test
    void ticketsSurviveARestartAndEventsTheKitchenMissedAreCaughtUpFromTheLog() throws Exception {
        try (TestNode t = new TestNode(dir)) {
            GatedKitchenStore[] kitchen = new GatedKitchenStore[1];
            t.start(TestNode.HOOKS.withKitchen(store -> kitchen[0] = new GatedKitchenStore(store)));
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            String order = open(t, "T1");
            t.send(addItems(order, "espresso", 1));
            String first = bar.next().getJsonObject("ticket").getString("ticket_id");
            t.request("pos.kds.bump", ticket("bar", first));
            bar.next();

            // the kitchen's disk fails: the ledger goes on, the kitchen falls behind
            kitchen[0].disk.breakDisk();
            assertThat(t.send(addItems(order, "espresso", 2)).getBoolean("success")).isTrue();
            String behind = t.send(command("MOVE_ORDER", new JsonObject().put("order_id", order)
                    .put("target_table_id", "T2"))).getString("order_id");
            assertThat(behind).isEqualTo(order);

            t.node.stop().await();
            t.start();

            JsonArray tickets = t.request("pos.kds.tickets", new JsonObject().put("destination_id", "bar"))
                    .getJsonArray("tickets");
            assertThat(tickets).hasSize(2);
            assertThat(tickets.getJsonObject(0).getString("ticket_id")).isEqualTo(first);
            assertThat(tickets.getJsonObject(0).getString("status")).isEqualTo("BUMPED");
            assertThat(tickets.getJsonObject(0).getString("table_name")).isEqualTo("Table 2");
            assertThat(tickets.getJsonObject(1).getString("status")).isEqualTo("OPEN");
            assertThat(tickets.getJsonObject(1).getString("table_name")).isEqualTo("Table 2");
            assertThat(tickets.getJsonObject(1).getJsonArray("items").getJsonObject(0).getInteger("quantity"))
                    .isEqualTo(2);
        }
    }

    @Test
    void aKitchenThatCouldNotWriteCatchesUpFromTheLogOnceItCanAndPublishesWhatItMissed() throws Exception {
        try (TestNode t = new TestNode(dir)) {
            GatedKitchenStore[] kitchen = new GatedKitchenStore[1];
            t.start(TestNode.HOOKS.withKitchen(store -> kitchen[0] = new GatedKitchenStore(store)));
            TestNode.Events bar = t.listen("pos.kitchen.bar");
            String order = open(t, "T1");
            kitchen[0].disk.breakDisk();
            assertThat(t.send(addItems(order, "espresso", 1)).getBoolean("success")).isTrue();
            assertThat(t.send(addItems(order, "espresso", 2)).getBoolean("success")).isTrue();
            assertThat(t.request("pos.kds.tickets", new JsonObject().put("destination_id", "bar"))
                    .getJsonArray("tickets")).isEmpty();

            kitchen[0].disk.repair();
            List<JsonObject> caughtUp = bar.next(2);
            assertThat(caughtUp).extracting(m -> m.getString("change")).containsExactly("CREATED", "CREATED");
            assertThat(caughtUp).extracting(m -> m.getJsonObject("ticket").getJsonArray("items").getJsonObject(0)
                    .getInteger("quantity")).containsExactly(1, 2);
            assertThat(t.request("pos.kds.tickets", new JsonObject().put("destination_id", "bar"))
                    .getJsonArray("tickets")).hasSize(2);
        }
    }

    private static String open(TestNode t, String table) {
        JsonObject opened = t.send(openTable(table));
        assertThat(opened.getBoolean("success")).isTrue();
        return opened.getString("order_id");
    }

    /** A product of the category {@code food}, which goes to the print destination {@code kitchen}. */
    private static void addSoup(TestNode t) {
        assertThat(t.changeResource(TestNode.resource("create", "product", "soup", new JsonObject()
                .put("name", "Soup").put("price", 650).put("category_id", "food"))).getBoolean("success")).isTrue();
    }

    private static JsonObject item(String product, int quantity) {
        return new JsonObject().put("product_id", product).put("quantity", quantity);
    }

    private static JsonObject ticket(String destination, String id) {
        return new JsonObject().put("destination_id", destination).put("ticket_id", id);
    }

    /** {@code CODE message} of an error reply. */
    private static String error(JsonObject reply) {
        assertThat(reply.getBoolean("success")).as("%s", reply).isFalse();
        return reply.getJsonObject("error").getString("code") + " " + reply.getJsonObject("error").getString("message");
    }
}
