package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.openTable;
import static com.redcoral.edge.node.TestNode.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.resource.ResourceType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PINs never leave the node: not in a reply, a sync message, the change log, an event or a log line
 * (PROTOCOL.md §3, §5) — except the random PIN of a new store's admin, logged exactly once.
 */
@Timeout(60)
class SecretTest {

    private static final String NEW_PIN = "86420975";
    private static final String CHANGED_PIN = "75319864";

    @TempDir
    Path dir;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord record) {
            logLines.add(format.format(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noReplyMessageEventChangeLogOrLogLineHoldsAPinOrItsHash() throws Exception {
        List<Object> seen = new ArrayList<>();
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            TestNode.Events events = t.listen();
            JsonObject employee = new JsonObject().put("name", "Scan").put("role_id", "manager").put("pin", NEW_PIN);
            seen.add(t.changeResource(resource("create", "employee", "e_scan", employee)));
            seen.add(t.changeResource(resource("update", "employee", "e_scan", new JsonObject().put("pin", CHANGED_PIN))));
            seen.add(t.changeResource(resource("update", "employee", "e_scan", new JsonObject().put("pin", "12"))));
            seen.add(t.changeResource(resource("create", "tag", "x", new JsonObject().put("name", "X"))
                    .put("operator_id", "e_scan").put("operator_pin", NEW_PIN)));
            seen.add(t.changeResource(resource("create", "tag", "y", new JsonObject().put("name", "Y"))
                    .put("operator_id", "e_scan").put("operator_pin", CHANGED_PIN)));
            seen.addAll(syncs.next(3));

            String orderId = t.send(openTable("T1")).getString("order_id");
            t.send(addItems(orderId, "cola", 1));
            JsonObject voidIt = TestNode.command("VOID_ORDER", new JsonObject().put("order_id", orderId)
                    .put("reason", "scan")).put("authorizer_id", "e_scan").put("authorizer_pin", CHANGED_PIN);
            seen.add(t.send(voidIt));
            seen.add(t.send(voidIt.copy().put("command_id", "wrong").put("authorizer_pin", NEW_PIN)));
            seen.addAll(events.next(3));
            seen.add(t.request(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", orderId)));
            seen.add(t.request(Addresses.RESOURCES_STATUS, new JsonObject()));
            WebClient http = WebClient.create(t.vertx);
            for (ResourceType type : ResourceType.values()) {
                seen.add(ResourceNodeTest.list(t, type.wireName()));
                seen.add(t.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", type.wireName())
                        .put("since_version", 0)));
                seen.add(http.get(t.node.port(), "127.0.0.1", "/api/resources/" + type.wireName()).send().await()
                        .bodyAsJsonObject());
            }
            seen.add(http.get(t.node.port(), "127.0.0.1", "/api/sync/status").send().await().bodyAsJsonObject());
            seen.add(http.put(t.node.port(), "127.0.0.1", "/api/resources/employee/e_scan")
                    .sendJsonObject(new JsonObject().put("data", new JsonObject().put("pin", "123"))
                            .put("operator_id", "admin").put("operator_pin", TestNode.ADMIN_PIN)).await()
                    .bodyAsJsonObject());
        }
        assertThat(seen).hasSizeGreaterThan(40);
        for (Object message : seen) {
            String text = message.toString();
            // Eight-digit PINs: too long to turn up by chance in an id or a timestamp.
            assertThat(text).as("a reply or message").doesNotContain(NEW_PIN, CHANGED_PIN, "pin_hash", "pbkdf2");
            assertNoPinKeys(message);
        }
        assertThat(String.join("\n", logLines)).doesNotContain(NEW_PIN, CHANGED_PIN, TestNode.ADMIN_PIN, "pbkdf2");
    }

    @Test
    void aNewStoresRandomAdminPinIsLoggedOnceAndLetsTheAdminIn() throws Exception {
        TestNode t = new TestNode(dir);
        try {
            t.start(TestNode.HOOKS.withEnv(name -> null));
            Pattern announced = Pattern.compile("`admin` has the PIN (\\d{6}) \\(random");
            List<String> lines = logLines.stream().filter(l -> announced.matcher(l).find()).toList();
            assertThat(lines).hasSize(1);
            Matcher pin = announced.matcher(lines.get(0));
            assertThat(pin.find()).isTrue();
            JsonObject change = resource("create", "tag", "first", new JsonObject().put("name", "First"))
                    .put("operator_pin", pin.group(1));
            assertThat(t.changeResource(change).getBoolean("success")).isTrue();

            t.node.stop().await();
            t.start(TestNode.HOOKS.withEnv(name -> null));
            assertThat(logLines.stream().filter(l -> announced.matcher(l).find())).as("only once").hasSize(1);
        } finally {
            t.close();
        }
    }

    @Test
    void aBootstrapPinThatIsNotFourToEightDigitsStopsTheStart() throws Exception {
        try (TestNode t = new TestNode(dir)) {
            assertThatThrownBy(() -> t.start(TestNode.HOOKS.withEnv(name -> "12ab")))
                    .hasMessageContaining("REDCORAL_BOOTSTRAP_PIN must be 4 to 8 digits");
        }
    }

    private static void assertNoPinKeys(Object value) {
        if (value instanceof JsonObject object) {
            for (String key : object.fieldNames()) {
                assertThat(key).as("a key in " + object.encode()).isNotIn("pin", "pin_hash", "operator_pin",
                        "authorizer_pin");
                assertNoPinKeys(object.getValue(key));
            }
        } else if (value instanceof JsonArray array) {
            array.forEach(SecretTest::assertNoPinKeys);
        }
    }
}
