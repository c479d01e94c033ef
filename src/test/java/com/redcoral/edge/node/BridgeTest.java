package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node through its SockJS bridge, with a bare WebSocket client writing the bridge's frames by
 * hand: commands and events as PROTOCOL.md, and bad input refused without touching the ledger.
 */
@Timeout(60)
class BridgeTest {

    @TempDir
    Path dir;

    TestNode t;
    WebSocketClient client;

    @BeforeEach
    void start() throws Exception {
        t = new TestNode(dir).start();
        client = t.vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aCommandIsAnsweredAndItsEventReachesARegisteredSocket() throws Exception {
        BridgeSocket listener = connect();
        listener.write(new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS));
        BridgeSocket till = connect();
        // A reply proves the registration above was processed before the command is sent.
        listener.write(send(Addresses.NODE_STATUS, new JsonObject(), "r0"));
        listener.next();

        till.write(send(Addresses.ORDERS_COMMAND, openTable("T1"), "r1"));
        JsonObject reply = till.next();
        assertThat(reply.getString("type")).isEqualTo("rec");
        assertThat(reply.getString("address")).isEqualTo("r1");
        assertThat(reply.getJsonObject("body").getBoolean("success")).isTrue();

        JsonObject event = listener.next();
        assertThat(event.getString("address")).isEqualTo(Addresses.ORDERS_EVENTS);
        assertThat(event.getJsonObject("body").getString("event_type")).isEqualTo("TABLE_OPENED");
        assertThat(event.getJsonObject("body").getLong("sequence")).isEqualTo(1);
        assertThat(event.getJsonObject("body").getString("hash")).hasSize(64);
    }

    @Test
    void theSameCommandFromSeveralConnectionsAtOnceIsWrittenOnce() throws Exception {
        JsonObject open = openTable("T1");
        List<BridgeSocket> tills = IntStream.range(0, 5).mapToObj(i -> connect()).toList();
        for (BridgeSocket till : tills) {
            till.ws.writeTextMessage(send(Addresses.ORDERS_COMMAND, open, "r").encode());
        }
        List<JsonObject> replies = new ArrayList<>();
        for (BridgeSocket till : tills) {
            replies.add(till.next().getJsonObject("body"));
        }
        assertThat(replies).allMatch(r -> r.getBoolean("success"));
        assertThat(replies).extracting(r -> r.getString("order_id")).containsOnly(replies.get(0).getString("order_id"));
        assertThat(replies).filteredOn(r -> !r.getBoolean("duplicate")).hasSize(1);
        assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
    }

    @Test
    void wrongTypesGetAnErrorReplyNamingTheField() throws Exception {
        BridgeSocket till = connect();
        JsonObject command = TestNode.command("ADD_ITEMS", new JsonObject().put("order_id", "o1").put("items",
                new JsonArray().add(new JsonObject().put("product_id", "cola").put("quantity", "2"))));
        till.write(send(Addresses.ORDERS_COMMAND, command, "r1"));
        JsonObject body = till.next().getJsonObject("body");
        assertThat(body.getBoolean("success")).isFalse();
        assertThat(body.getJsonObject("error").getString("code")).isEqualTo("INVALID_COMMAND");
        assertThat(body.getJsonObject("error").getString("message")).contains("payload.items[0].quantity");

        till.write(send(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", -1), "r2"));
        assertThat(till.next().getJsonObject("body").getJsonObject("error").getString("code"))
                .isEqualTo("INVALID_REQUEST");
        assertUntouched();
    }

    @Test
    void addressesOutsideTheProtocolAreRefused() throws Exception {
        BridgeSocket till = connect();
        till.write(send(Addresses.LEDGER_APPEND, new JsonObject(), "r1"));
        JsonObject refused = till.next();
        assertThat(refused.getString("type")).isEqualTo("err");
        assertThat(refused.getString("body")).isEqualTo("access_denied");
        till.write(new JsonObject().put("type", "register").put("address", Addresses.LEDGER_COMMITTED));
        assertThat(till.next().getString("body")).isEqualTo("access_denied");
        assertUntouched();
    }

    @Test
    void malformedJsonGetsAnErrorFrameAndTheNodeServesOthers() throws Exception {
        BridgeSocket bad = connect();
        bad.ws.writeTextMessage("{\"type\": \"send\", \"address\": ").await();
        JsonObject refused = bad.next();
        assertThat(refused.getString("type")).isEqualTo("err");
        assertThat(refused.getString("body")).isEqualTo("invalid_json");
        assertUntouched();
    }

    @Test
    void anOversizedFrameClosesTheSocketAndTheNodeServesOthers() throws Exception {
        BridgeSocket bad = connect();
        String note = "x".repeat(t.config.bridge().maxFrameBytes() + 1);
        bad.write(send(Addresses.ORDERS_COMMAND, TestNode.command("OPEN_TABLE", new JsonObject().put("note", note)),
                "r1"));
        bad.awaitClosed();
        assertUntouched();
    }

    @Test
    void aSocketMayRegisterNoMoreHandlersThanTheLimit() throws Exception {
        t.close();
        t = new TestNode(dir.resolve("limited"), 1000, new NodeConfig.Bridge(65536, 10_000, 30_000, 1, 4)).start();
        client = t.vertx.createWebSocketClient();
        BridgeSocket listener = connect();
        listener.write(new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS));
        // An event arriving proves the registration is in place (and counted).
        t.send(openTable(null));
        assertThat(listener.next().getString("address")).isEqualTo(Addresses.ORDERS_EVENTS);

        listener.write(new JsonObject().put("type", "register").put("address", Addresses.RESOURCES_SYNC));
        JsonObject refused = listener.next();
        assertThat(refused.getString("type")).isEqualTo("err");
        assertThat(refused.getString("body")).isEqualTo("max_handlers_reached");
    }

    /** Nothing was written, and a fresh socket still gets commands through. */
    private void assertUntouched() throws Exception {
        assertThat(t.status().getLong("server_sequence")).isZero();
        BridgeSocket other = connect();
        other.write(send(Addresses.ORDERS_COMMAND, openTable(null), "ok"));
        assertThat(other.next().getJsonObject("body").getBoolean("success")).isTrue();
        assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
    }

    private static JsonObject send(String address, JsonObject body, String replyAddress) {
        return BridgeSocket.send(address, body, replyAddress);
    }

    private BridgeSocket connect() {
        return BridgeSocket.connect(client, t.node.port());
    }
}
