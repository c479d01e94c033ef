package com.redcoral.edge.node;

import static com.redcoral.edge.node.BridgeSocket.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.access.Role;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.certs.TerminalSubject;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kitchen role over the network listener, on a real node with real tickets: a kitchen display's socket —
 * known by its certificate or its token — reads, bumps and recalls the tickets of its own print destination
 * and no other's, and registers for its own destination's changes only; the bumps and recalls it makes carry
 * its identity. An admin reads, bumps and registers for any destination; a terminal for none.
 */
@Timeout(60)
class KitchenBridgeTest {

    @TempDir
    Path dir;

    TestNode t;
    DevelopmentCertificates certs;
    CertificateAuthority ca;
    int port;
    /** The round rung up at table T1: one espresso for the bar, one soup for the kitchen, one ticket id. */
    String ticketId;

    @BeforeEach
    void start() throws Exception {
        t = TestNode.networked(dir.resolve("node"), NodeConfig.defaults().bridge(), List.of()).start();
        certs = new DevelopmentCertificates(dir.resolve("node").resolve("certs"));
        ca = CertificateAuthority.load(certs.caPem(), certs.caKey());
        port = URI.create(t.node.networkUrl().orElseThrow()).getPort();
        assertThat(t.changeResource(TestNode.resource("create", "product", "soup", new JsonObject()
                .put("name", "Soup").put("price", 650).put("category_id", "food"))).getBoolean("success")).isTrue();

        TestNode.Events kitchen = t.listen(Addresses.kitchen("kitchen"));
        TestNode.Events bar = t.listen(Addresses.kitchen("bar"));
        String order = t.send(TestNode.openTable("T1")).getString("order_id");
        assertThat(t.send(TestNode.command("ADD_ITEMS", new JsonObject().put("order_id", order).put("items",
                new JsonArray().add(item("espresso")).add(item("soup"))))).getBoolean("success")).isTrue();
        ticketId = kitchen.next().getJsonObject("ticket").getString("ticket_id");
        assertThat(bar.next().getJsonObject("ticket").getString("ticket_id")).isEqualTo(ticketId);
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aKitchenCertificateReadsBumpsAndRecallsItsOwnDestinationsTicketsOnly() throws Exception {
        CertificateAuthority.Issued issued = ca.issueTerminal("pass", Role.KITCHEN, "kitchen",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        Path pem = dir.resolve("pass.pem");
        Path key = dir.resolve("pass.key");
        issued.write(pem, key);
        BridgeSocket pass = BridgeSocket.connect(tls(pem, key), port);

        onlyItsOwnDestination(pass, "kitchen", "bar",
                "pass (kitchen of kitchen, certificate " + TerminalSubject.serial(issued.certificate()) + ")");
    }

    @Test
    void aKitchenTokenReadsBumpsAndRecallsItsOwnDestinationsTicketsOnly() throws Exception {
        JsonObject token = t.request(Addresses.TOKENS_ISSUE, new JsonObject().put("name", "bar tablet")
                .put("role", "kitchen").put("destination_id", "bar"));
        BridgeSocket tablet = BridgeSocket.connect(tls(null, null), port);
        assertThat(tablet.request(Addresses.AUTH_LOGIN, new JsonObject().put("token", token.getString("token")),
                "login").getJsonObject("body").getBoolean("success")).isTrue();

        onlyItsOwnDestination(tablet, "bar", "kitchen",
                "bar tablet (kitchen of bar, token " + token.getString("token_id") + ")");
    }

    @Test
    void anAdminReadsBumpsAndRegistersForAnyDestinationAndATerminalForNone() throws Exception {
        BridgeSocket admin = BridgeSocket.connect(tls(certs.adminPem(), certs.adminKey()), port);
        for (String destination : List.of("bar", "kitchen")) {
            JsonObject listed = admin.request(Addresses.KDS_TICKETS, destinationOf(destination), "list-" + destination)
                    .getJsonObject("body");
            assertThat(listed.getJsonArray("tickets")).as(destination).hasSize(1);
        }
        admin.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("bar")));
        List<JsonObject> bumped = requestAndChange(admin, Addresses.KDS_BUMP, ticket("bar"), "bump");
        assertThat(bumped.get(0).getJsonObject("ticket").getString("bumped_by"))
                .startsWith("admin-cli (admin, certificate ");
        assertThat(bumped.get(1).getString("change")).isEqualTo("BUMPED");

        CertificateAuthority.Issued till = ca.issueTerminal("till-1", Role.TERMINAL, null,
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        till.write(dir.resolve("till.pem"), dir.resolve("till.key"));
        BridgeSocket terminal = BridgeSocket.connect(tls(dir.resolve("till.pem"), dir.resolve("till.key")), port);
        terminal.write(send(Addresses.KDS_TICKETS, destinationOf("bar"), "t1"));
        assertThat(terminal.nextError()).isEqualTo("rejected");
        terminal.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("bar")));
        assertThat(terminal.nextError()).isEqualTo("rejected");
    }

    /**
     * {@code socket} (a kitchen display of {@code own}, known as {@code identity}) may read, bump and recall
     * {@code own}'s tickets, and nothing of {@code other}'s — however it words the destination.
     */
    private void onlyItsOwnDestination(BridgeSocket socket, String own, String other, String identity)
            throws InterruptedException {
        List<JsonObject> others = List.of(destinationOf(other), new JsonObject(), new JsonObject()
                .put("destination_id", new JsonArray().add(own)), destinationOf(own.toUpperCase()));
        for (JsonObject body : others) {
            socket.write(send(Addresses.KDS_TICKETS, body, "list-" + body.hashCode()));
            assertThat(socket.nextError()).as("%s", body).isEqualTo("rejected");
        }
        for (String address : List.of(Addresses.KDS_BUMP, Addresses.KDS_RECALL)) {
            socket.write(send(address, ticket(other), "other-" + address));
            assertThat(socket.nextError()).as(address).isEqualTo("rejected");
        }
        socket.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen(other)));
        assertThat(socket.nextError()).isEqualTo("rejected");
        assertThat(t.request(Addresses.KDS_TICKETS, destinationOf(other)).getJsonArray("tickets").getJsonObject(0)
                .getString("status")).isEqualTo("OPEN");

        JsonObject listed = socket.request(Addresses.KDS_TICKETS, destinationOf(own), "list").getJsonObject("body");
        assertThat(listed.getString("destination_id")).isEqualTo(own);
        assertThat(listed.getJsonArray("tickets")).singleElement()
                .satisfies(ticket -> assertThat(((JsonObject) ticket).getString("ticket_id")).isEqualTo(ticketId));

        socket.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen(own)));
        List<JsonObject> bumped = requestAndChange(socket, Addresses.KDS_BUMP, ticket(own), "bump");
        assertThat(bumped.get(0).getString("change")).isEqualTo("BUMPED");
        assertThat(bumped.get(0).getJsonObject("ticket").getString("bumped_by")).isEqualTo(identity);
        assertThat(bumped.get(1).getJsonObject("ticket").getString("bumped_by")).isEqualTo(identity);

        List<JsonObject> recalled = requestAndChange(socket, Addresses.KDS_RECALL, ticket(own), "recall");
        assertThat(recalled.get(0).getString("change")).isEqualTo("RECALLED");
        assertThat(recalled.get(0).getJsonObject("ticket").getString("recalled_by")).isEqualTo(identity);
        assertThat(recalled.get(1).getJsonObject("ticket").getString("recalled_by")).isEqualTo(identity);
    }

    /**
     * Sends a bump or recall from a socket registered for its destination's changes: the reply's body and the
     * published change's, in that order, whichever of the two frames arrives first.
     */
    private static List<JsonObject> requestAndChange(BridgeSocket socket, String address, JsonObject body,
                                                     String replyAddress) throws InterruptedException {
        socket.write(send(address, body, replyAddress));
        JsonObject reply = null;
        JsonObject change = null;
        while (reply == null || change == null) {
            JsonObject frame = socket.next();
            assertThat(frame.getString("type")).as("%s", frame).isEqualTo("rec");
            if (replyAddress.equals(frame.getString("address"))) {
                reply = frame.getJsonObject("body");
            } else {
                assertThat(frame.getString("address")).startsWith(Addresses.kitchen(""));
                change = frame.getJsonObject("body");
            }
        }
        return List.of(reply, change);
    }

    private WebSocketClient tls(Path pem, Path key) {
        WebSocketClientOptions options = new WebSocketClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certs.caPem().toString()));
        if (pem != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(pem.toString()).setKeyPath(key.toString()));
        }
        return t.vertx.createWebSocketClient(options);
    }

    private JsonObject ticket(String destination) {
        return destinationOf(destination).put("ticket_id", ticketId);
    }

    private static JsonObject destinationOf(String destination) {
        return new JsonObject().put("destination_id", destination);
    }

    private static JsonObject item(String product) {
        return new JsonObject().put("product_id", product).put("quantity", 1);
    }
}
