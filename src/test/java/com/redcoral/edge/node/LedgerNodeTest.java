package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.command;
import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.order.CommandType;
import com.redcoral.edge.order.OrderCommand;
import com.redcoral.edge.wire.CommandEnvelope;
import com.redcoral.edge.wire.CommandResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The node through its real event bus: commands, events, idempotency, sync, get and timeline. */
@Timeout(60)
class LedgerNodeTest {

    @TempDir
    Path dir;

    @Test
    void commandsAreAnsweredAndTheirEventsPublishedInSequenceOrder() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events events = t.listen();
            JsonObject opened = t.send(openTable("T1"));
            assertThat(opened.getBoolean("success")).isTrue();
            assertThat(opened.getBoolean("duplicate")).isFalse();
            String orderId = opened.getString("order_id");
            assertThat(t.send(addItems(orderId, "cola", 4)).getBoolean("success")).isTrue();
            JsonObject moved = t.send(command("MOVE_ORDER",
                    new JsonObject().put("order_id", orderId).put("target_table_id", "T2")));
            assertThat(moved.getBoolean("success")).isTrue();

            List<JsonObject> published = events.next(4);
            assertThat(published).extracting(e -> e.getLong("sequence")).containsExactly(1L, 2L, 3L, 4L);
            assertThat(published).extracting(e -> e.getString("event_type"))
                    .containsExactly("TABLE_OPENED", "ITEMS_ADDED", "ORDER_MOVED_OUT", "ORDER_MOVED");
            assertThat(published.get(2).getString("command_id")).isEqualTo(published.get(3).getString("command_id"));
            assertThat(published.get(1).getString("operator_name")).isEqualTo("Zhang San");
            assertThat(published.get(1).getJsonObject("payload").getJsonArray("items").getJsonObject(0)
                    .getString("name")).isEqualTo("Cola");
            assertThat(t.status().getLong("server_sequence")).isEqualTo(4);
        }
    }

    @Test
    void aTerminalInTheSameJvmSendsRecordsAndGetsRecordsBack() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            CommandEnvelope open = new CommandEnvelope("local-1", 1L, "emp_01", null, CommandType.OPEN_TABLE,
                    new OrderCommand.OpenTable(null, null, null, 2, null), null, null);
            CommandResponse response = t.vertx.eventBus().<CommandResponse>request(Addresses.ORDERS_COMMAND, open)
                    .await().body();
            assertThat(response.success()).isTrue();
            assertThat(response.orderId()).isNotBlank();
        }
    }

    @Test
    void badInputIsRefusedByNameAndUsesNoSequence() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            JsonObject zeroQuantity = t.send(command("ADD_ITEMS", new JsonObject().put("order_id", "x")
                    .put("items", new JsonArray().add(new JsonObject().put("product_id", "cola").put("quantity", 0)))));
            assertThat(zeroQuantity.getBoolean("success")).isFalse();
            assertThat(zeroQuantity.getJsonObject("error").getString("code")).isEqualTo("INVALID_COMMAND");
            assertThat(zeroQuantity.getJsonObject("error").getString("message")).contains("payload.items[0].quantity");
            assertThat(zeroQuantity.getString("command_id")).isNotNull();

            JsonObject notAnObject = t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_COMMAND, "hello")
                    .await().body();
            assertThat(notAnObject.getJsonObject("error").getString("code")).isEqualTo("INVALID_COMMAND");

            JsonObject unknownOperator = t.send(command(UUID.randomUUID().toString(), "nobody", "OPEN_TABLE",
                    new JsonObject()));
            assertThat(unknownOperator.getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_OPERATOR");
            JsonObject inactive = t.send(command(UUID.randomUUID().toString(), "old_01", "OPEN_TABLE",
                    new JsonObject()));
            assertThat(inactive.getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_OPERATOR");

            assertThat(t.status().getLong("server_sequence")).isZero();
            assertThat(t.send(openTable(null)).getBoolean("success")).isTrue();
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
        }
    }

    @Test
    void anApproverWithTheRightPinIsRecordedAndAWrongPinIsRefused() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            String orderId = t.send(openTable("T1")).getString("order_id");
            t.send(addItems(orderId, "cola", 4));
            TestNode.Events events = t.listen();
            JsonObject discount = command("MODIFY_ITEM", new JsonObject().put("order_id", orderId)
                    .put("instance_id", instanceOfFirstLine(t, orderId)).put("affected_quantity", 2)
                    .put("changes", new JsonObject().put("discount_percent", 50)));

            JsonObject withoutApproval = t.send(discount.copy().put("command_id", "d1"));
            assertThat(withoutApproval.getJsonObject("error").getString("code")).isEqualTo("AUTHORIZATION_REQUIRED");
            JsonObject wrongPin = t.send(discount.copy().put("command_id", "d2").put("authorizer_id", "mgr_01")
                    .put("authorizer_pin", "1111"));
            assertThat(wrongPin.getJsonObject("error").getString("code")).isEqualTo("AUTHORIZATION_FAILED");
            JsonObject approved = t.send(TestNode.approved(discount.copy().put("command_id", "d3")));
            assertThat(approved.getBoolean("success")).isTrue();

            JsonObject modified = events.next();
            assertThat(modified.getString("event_type")).isEqualTo("ITEM_MODIFIED");
            assertThat(modified.getJsonObject("payload").getString("authorizer_name")).isEqualTo("Li");
            assertThat(modified.encode()).doesNotContain(TestNode.MANAGER_PIN);
        }
    }

    @Test
    void aRepeatedCommandIdGetsTheFirstResponseAndNoEventAlsoAfterARestart() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            JsonObject open = openTable("T1");
            JsonObject first = t.send(open);
            JsonObject again = t.send(open);
            assertThat(again.getBoolean("duplicate")).isTrue();
            assertThat(again.getString("order_id")).isEqualTo(first.getString("order_id"));
            JsonObject refused = command("VOID_ORDER", new JsonObject().put("order_id", "missing").put("reason", "x"));
            JsonObject refusedFirst = t.send(refused);
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);

            t.restart();
            JsonObject afterRestart = t.send(open);
            assertThat(afterRestart.getBoolean("duplicate")).isTrue();
            assertThat(afterRestart.getString("order_id")).isEqualTo(first.getString("order_id"));
            JsonObject refusedAgain = t.send(refused);
            assertThat(refusedAgain.getBoolean("duplicate")).isTrue();
            assertThat(refusedAgain.getJsonObject("error")).isEqualTo(refusedFirst.getJsonObject("error"));
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
        }
    }

    @Test
    void theSameCommandArrivingManyTimesAtOnceIsWrittenOnce() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events events = t.listen();
            JsonObject open = openTable("T1");
            List<Future<JsonObject>> answers = IntStream.range(0, 20)
                    .mapToObj(i -> t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_COMMAND, open)
                            .map(m -> m.body()))
                    .toList();
            List<JsonObject> responses = Future.all(answers).await().list();
            assertThat(responses).allMatch(r -> r.getBoolean("success"));
            assertThat(responses).extracting(r -> r.getString("order_id")).containsOnly(responses.get(0)
                    .getString("order_id"));
            assertThat(responses).filteredOn(r -> !r.getBoolean("duplicate")).hasSize(1);
            assertThat(events.next().getLong("sequence")).isEqualTo(1);
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
        }
    }

    @Test
    void syncReturnsTheMissedEventsWithinTheGapLimitAndActiveOrdersBeyondIt() throws Exception {
        try (TestNode t = new TestNode(dir, 3).start()) {
            String first = t.send(openTable("T1")).getString("order_id");
            t.send(addItems(first, "cola", 1));
            String second = t.send(openTable("T2")).getString("order_id");
            t.send(addItems(second, "espresso", 2));
            t.send(TestNode.approved(command("VOID_ORDER", new JsonObject().put("order_id", first).put("reason", "test"))));
            // (0, 5] is beyond the gap limit of 3; (2, 5] is within it.

            JsonObject recent = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", 2));
            assertThat(recent.getBoolean("requires_full_sync")).isFalse();
            assertThat(recent.getLong("server_sequence")).isEqualTo(5);
            assertThat(recent.getJsonArray("events").stream().map(e -> ((JsonObject) e).getLong("sequence")))
                    .containsExactly(3L, 4L, 5L);
            assertThat(recent.getJsonArray("active_orders")).isEmpty();

            JsonObject upToDate = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", 5));
            assertThat(upToDate.getBoolean("requires_full_sync")).isFalse();
            assertThat(upToDate.getJsonArray("events")).isEmpty();

            for (long since : new long[] {0, 1, 6, 999}) {
                JsonObject full = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", since));
                assertThat(full.getBoolean("requires_full_sync")).as("since %d", since).isTrue();
                assertThat(full.getJsonArray("events")).isEmpty();
                assertThat(full.getJsonArray("active_orders").stream().map(o -> ((JsonObject) o).getString("order_id")))
                        .containsExactly(second);
            }

            JsonObject invalid = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", "2"));
            assertThat(invalid.getJsonObject("error").getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(invalid.getJsonObject("error").getString("message")).contains("since_sequence");

            t.restart(); // the recent events are reloaded from the store
            JsonObject afterRestart = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", 2));
            assertThat(afterRestart.getJsonArray("events")).isEqualTo(recent.getJsonArray("events"));
        }
    }

    @Test
    void getShowsAnOrderNowOrAsOfASequenceAndTimelineListsItsEvents() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            String orderId = t.send(openTable("T1")).getString("order_id");
            t.send(addItems(orderId, "cola", 2));
            t.send(addItems(orderId, "espresso", 1));

            JsonObject now = t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId));
            assertThat(now.getLong("subtotal")).isEqualTo(850);
            assertThat(now.getLong("last_sequence")).isEqualTo(3);
            JsonObject then = t.request(Addresses.ORDERS_GET,
                    new JsonObject().put("order_id", orderId).put("at_sequence", 2));
            assertThat(then.getLong("subtotal")).isEqualTo(600);
            assertThat(then.getLong("last_sequence")).isEqualTo(2);
            t.send(openTable("T2")); // sequence 4, another order's
            for (long at : new long[] {3, 4}) {
                assertThat(t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId).put("at_sequence", at)))
                        .as("as of %d, at or after its last event: the order now", at).isEqualTo(now);
            }
            JsonObject before = t.request(Addresses.ORDERS_GET,
                    new JsonObject().put("order_id", orderId).put("at_sequence", 0));
            assertThat(before.getJsonObject("error").getString("code")).isEqualTo("ORDER_NOT_FOUND");
            JsonObject missing = t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", "nope"));
            assertThat(missing.getJsonObject("error").getString("code")).isEqualTo("ORDER_NOT_FOUND");

            t.send(TestNode.approved(command("VOID_ORDER", new JsonObject().put("order_id", orderId).put("reason", "test"))));
            JsonObject closed = t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId));
            assertThat(closed.getString("status")).isEqualTo("VOIDED");

            JsonObject timeline = t.request(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", orderId));
            assertThat(timeline.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("event_type")))
                    .containsExactly("TABLE_OPENED", "ITEMS_ADDED", "ITEMS_ADDED", "ORDER_VOIDED");
            assertThat(timeline.getJsonArray("events").getJsonObject(3).getString("hash")).hasSize(64);

            JsonObject active = t.request(Addresses.ORDERS_ACTIVE, new JsonObject());
            assertThat(active.getJsonArray("orders")).hasSize(1);
            assertThat(active.getLong("server_sequence")).isEqualTo(5);
        }
    }

    @Test
    void quoteGivesTheAmountASplitByThoseItemsMustPay() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            String orderId = t.send(openTable("P1")).getString("order_id"); // the terrace: 10 % surcharge
            t.send(addItems(orderId, "cola", 2));
            t.send(addItems(orderId, "espresso", 1));
            JsonObject order = t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId));
            String cola = order.getJsonArray("items").getJsonObject(0).getString("instance_id");
            String espresso = order.getJsonArray("items").getJsonObject(1).getString("instance_id");
            JsonArray units = new JsonArray().add(new JsonObject().put("instance_id", cola).put("quantity", 1))
                    .add(new JsonObject().put("instance_id", espresso).put("quantity", 1));

            JsonObject quote = t.request(Addresses.ORDERS_QUOTE, new JsonObject().put("order_id", orderId)
                    .put("items", units));

            assertThat(quote.getBoolean("success")).isTrue();
            assertThat(quote.getLong("split_amount")).isEqualTo(300 + 250 + 55);
            assertThat(quote.getLong("surcharge")).isEqualTo(55);
            assertThat(quote.getLong("last_sequence")).isEqualTo(3);
            assertThat(quote.getJsonArray("lines").getJsonObject(0)).isEqualTo(new JsonObject()
                    .put("instance_id", cola).put("name", "Cola").put("quantity", 1).put("amount", 300));
            JsonObject split = t.send(command("SPLIT_ORDER", new JsonObject().put("order_id", orderId)
                    .put("split_amount", quote.getLong("split_amount")).put("payment_method", "card").put("items", units)));
            assertThat(split.getBoolean("success")).as(split.encode()).isTrue();

            JsonObject twoColas = new JsonObject().put("order_id", orderId).put("items", new JsonArray()
                    .add(new JsonObject().put("instance_id", cola).put("quantity", 2)));
            assertThat(t.request(Addresses.ORDERS_QUOTE, twoColas).getJsonObject("error").getString("code"))
                    .as("one cola is paid for").isEqualTo("INSUFFICIENT_QUANTITY");
            JsonObject empty = t.request(Addresses.ORDERS_QUOTE, new JsonObject().put("order_id", orderId)
                    .put("items", new JsonArray()));
            assertThat(empty.getJsonObject("error").getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(empty.getJsonObject("error").getString("message")).startsWith("items:");
            JsonObject noQuantity = t.request(Addresses.ORDERS_QUOTE, new JsonObject().put("order_id", orderId)
                    .put("items", new JsonArray().add(new JsonObject().put("instance_id", cola))));
            assertThat(noQuantity.getJsonObject("error").getString("message")).isEqualTo("items[0].quantity: is required");
            assertThat(t.request(Addresses.ORDERS_QUOTE, twoColas.copy().put("order_id", "nope"))
                    .getJsonObject("error").getString("code")).isEqualTo("ORDER_NOT_FOUND");

            t.send(command("SPLIT_ORDER", new JsonObject().put("order_id", orderId).put("payment_method", "cash")
                    .put("split_amount", order.getLong("total") - quote.getLong("split_amount"))));
            assertThat(t.send(command("COMPLETE_ORDER", new JsonObject().put("order_id", orderId)
                    .put("receipt_number", "R-1"))).getBoolean("success")).isTrue();
            assertThat(t.request(Addresses.ORDERS_QUOTE, twoColas).getJsonObject("error").getString("code"))
                    .isEqualTo("ORDER_NOT_ACTIVE");
        }
    }

    static String instanceOfFirstLine(TestNode t, String orderId) {
        return t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId))
                .getJsonArray("items").getJsonObject(0).getString("instance_id");
    }
}
