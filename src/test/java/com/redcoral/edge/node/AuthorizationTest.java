package com.redcoral.edge.node;

import static com.redcoral.edge.node.ResourceNodeTest.code;
import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.command;
import static com.redcoral.edge.node.TestNode.openTable;
import static com.redcoral.edge.node.TestNode.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every way an approval or a resource change is authorised or refused, throttling included. */
@Timeout(60)
class AuthorizationTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    private TestNode start() throws Exception {
        return new TestNode(dir).start(new EdgeNode.Hooks(clock, s -> s, s -> s, TestNode.HOOKS.env()));
    }

    /** A cashier's 50 % discount on the order's only line, approved by {@code authorizer} (or nobody). */
    private static JsonObject discount(TestNode t, String orderId, String authorizer, String pin) {
        String instance = t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId))
                .getJsonArray("items").getJsonObject(0).getString("instance_id");
        JsonObject command = command("MODIFY_ITEM", new JsonObject().put("order_id", orderId)
                .put("instance_id", instance).put("changes", new JsonObject().put("discount_percent", 50)));
        return authorizer == null ? command
                : command.put("authorizer_id", authorizer).put("authorizer_pin", pin);
    }

    private static String orderWithCola(TestNode t) {
        String orderId = t.send(openTable(null)).getString("order_id");
        t.send(addItems(orderId, "cola", 2));
        return orderId;
    }

    @Test
    void everyPathOfAnApproval() throws Exception {
        try (TestNode t = start()) {
            String orderId = orderWithCola(t);
            assertThat(code(t.send(discount(t, orderId, null, null)))).isEqualTo("AUTHORIZATION_REQUIRED");
            assertThat(code(t.send(discount(t, orderId, "nobody", "1234")))).isEqualTo("AUTHORIZATION_FAILED");
            assertThat(code(t.send(discount(t, orderId, "old_01", TestNode.CASHIER_PIN))))
                    .as("an inactive employee approves nothing").isEqualTo("AUTHORIZATION_FAILED");
            assertThat(code(t.send(discount(t, orderId, "emp_01", TestNode.CASHIER_PIN))))
                    .as("a cashier's role lacks order.discount").isEqualTo("AUTHORIZATION_FAILED");
            assertThat(code(t.send(discount(t, orderId, "mgr_01", "0000")))).isEqualTo("AUTHORIZATION_FAILED");

            TestNode.Events events = t.listen();
            assertThat(t.send(discount(t, orderId, "mgr_01", TestNode.MANAGER_PIN)).getBoolean("success")).isTrue();
            JsonObject modified = events.next().getJsonObject("payload");
            assertThat(modified.getString("authorizer_id")).isEqualTo("mgr_01");
            assertThat(modified.getString("authorizer_name")).isEqualTo("Li");

            // A manager needs nobody's approval; the event names no authorizer.
            JsonObject own = discount(t, orderId, null, null);
            own.put("operator_id", "mgr_01").getJsonObject("payload").getJsonObject("changes").put("discount_percent", 20);
            assertThat(t.send(own).getBoolean("success")).isTrue();
            assertThat(events.next().getJsonObject("payload").getValue("authorizer_id")).isNull();
        }
    }

    @Test
    void repeatedWrongPinsLockThatEmployeesPinForAWhileOnEveryAddress() throws Exception {
        try (TestNode t = start()) {
            String orderId = orderWithCola(t);
            for (int i = 0; i < 5; i++) {
                assertThat(code(t.send(discount(t, orderId, "mgr_01", "000" + i)))).isEqualTo("AUTHORIZATION_FAILED");
            }
            JsonObject locked = t.send(discount(t, orderId, "mgr_01", TestNode.MANAGER_PIN));
            assertThat(code(locked)).isEqualTo("AUTHORIZATION_THROTTLED");
            assertThat(locked.getJsonObject("error").getString("message")).contains("try again in 30 s");
            JsonObject resourceChange = t.changeResource(resource("create", "tag", "t1",
                    new JsonObject().put("name", "T")).put("operator_id", "mgr_01")
                    .put("operator_pin", TestNode.MANAGER_PIN));
            assertThat(code(resourceChange)).isEqualTo("AUTHORIZATION_THROTTLED");
            // Other employees are not affected.
            assertThat(t.changeResource(resource("create", "tag", "t2", new JsonObject().put("name", "T2")))
                    .getBoolean("success")).isTrue();

            clock.advance(Duration.ofSeconds(30));
            assertThat(t.send(discount(t, orderId, "mgr_01", TestNode.MANAGER_PIN)).getBoolean("success")).isTrue();
            // The right PIN cleared the count: one more wrong PIN does not lock again.
            assertThat(code(t.send(discount(t, orderId, "mgr_01", "0000")))).isEqualTo("AUTHORIZATION_FAILED");
        }
    }

    private static JsonObject signIn(TestNode t, String operatorId, String pin) {
        return t.request(Addresses.AUTH_OPERATOR, new JsonObject().put("operator_id", operatorId).put("pin", pin));
    }

    @Test
    void anOperatorSignsInWithTheirPinAndLearnsTheirRolesPermissions() throws Exception {
        try (TestNode t = start()) {
            assertThat(signIn(t, "mgr_01", TestNode.MANAGER_PIN)).isEqualTo(new JsonObject().put("success", true)
                    .put("operator_id", "mgr_01").put("name", "Li").put("role_id", "manager")
                    .put("permissions", new JsonArray().add("order.cancel_payment")
                            .add("order.discount").add("order.price_override").add("order.remove_item")
                            .add("order.surcharge_exempt").add("order.void").add("resources.manage")));
            JsonObject cashier = signIn(t, "emp_01", TestNode.CASHIER_PIN);
            assertThat(cashier.getString("role_id")).isEqualTo("cashier");
            assertThat(cashier.getJsonArray("permissions")).isEmpty();

            JsonObject wrong = signIn(t, "emp_01", "9999");
            assertThat(code(wrong)).isEqualTo("AUTHORIZATION_FAILED");
            assertThat(wrong.encode()).as("no reply holds a PIN").doesNotContain("9999");
            assertThat(code(signIn(t, "nobody", "1234"))).isEqualTo("UNKNOWN_OPERATOR");
            assertThat(code(signIn(t, "old_01", TestNode.CASHIER_PIN))).as("inactive").isEqualTo("UNKNOWN_OPERATOR");
            JsonObject noPin = t.request(Addresses.AUTH_OPERATOR, new JsonObject().put("operator_id", "emp_01"));
            assertThat(noPin.getJsonObject("error").getString("code")).isEqualTo("INVALID_REQUEST");
            assertThat(noPin.getJsonObject("error").getString("message")).isEqualTo("pin: is required");
            JsonObject numeric = t.request(Addresses.AUTH_OPERATOR, new JsonObject().put("operator_id", "emp_01")
                    .put("pin", 1357));
            assertThat(numeric.getJsonObject("error").getString("message")).isEqualTo("pin: expected a string");

            // A role's permissions as they are now.
            t.changeResource(resource("update", "role", "cashier", new JsonObject()
                    .put("permissions", new JsonArray().add("order.discount"))));
            assertThat(signIn(t, "emp_01", TestNode.CASHIER_PIN).getJsonArray("permissions"))
                    .containsExactly("order.discount");
        }
    }

    @Test
    void wrongSignInPinsCountWithWrongApprovalPinsTowardsTheLock() throws Exception {
        try (TestNode t = start()) {
            String orderId = orderWithCola(t);
            for (int i = 0; i < 3; i++) {
                assertThat(code(signIn(t, "mgr_01", "000" + i))).isEqualTo("AUTHORIZATION_FAILED");
            }
            for (int i = 3; i < 5; i++) {
                assertThat(code(t.send(discount(t, orderId, "mgr_01", "000" + i)))).isEqualTo("AUTHORIZATION_FAILED");
            }
            JsonObject locked = signIn(t, "mgr_01", TestNode.MANAGER_PIN);
            assertThat(code(locked)).isEqualTo("AUTHORIZATION_THROTTLED");
            assertThat(locked.getJsonObject("error").getString("message")).contains("try again in 30 s");
            assertThat(code(t.send(discount(t, orderId, "mgr_01", TestNode.MANAGER_PIN))))
                    .isEqualTo("AUTHORIZATION_THROTTLED");

            clock.advance(Duration.ofSeconds(30));
            assertThat(signIn(t, "mgr_01", TestNode.MANAGER_PIN).getBoolean("success")).isTrue();
        }
    }

    @Test
    void resourceChangesNeedTheOperatorsPinAndResourcesManage() throws Exception {
        try (TestNode t = start()) {
            JsonObject tag = new JsonObject().put("name", "Spicy");
            assertThat(code(t.changeResource(resource("create", "tag", "s", tag).put("operator_id", "nobody"))))
                    .isEqualTo("UNKNOWN_OPERATOR");
            assertThat(code(t.changeResource(resource("create", "tag", "s", tag).put("operator_pin", "9999"))))
                    .isEqualTo("AUTHORIZATION_FAILED");
            assertThat(code(t.changeResource(resource("create", "tag", "s", tag).put("operator_id", "emp_01")
                    .put("operator_pin", TestNode.CASHIER_PIN)))).isEqualTo("AUTHORIZATION_REQUIRED");
            assertThat(code(t.changeResource(resource("create", "tag", "s", tag).put("operator_pin", "12a4"))))
                    .isEqualTo("INVALID_COMMAND");
            JsonObject byManager = t.changeResource(resource("create", "tag", "s", tag).put("operator_id", "mgr_01")
                    .put("operator_pin", TestNode.MANAGER_PIN));
            assertThat(byManager.getBoolean("success")).isTrue();
            JsonObject entry = t.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag")
                    .put("since_version", 0)).getJsonArray("changes").getJsonObject(0);
            assertThat(entry.getString("operator_id")).isEqualTo("mgr_01");
            assertThat(entry.getString("operator_name")).isEqualTo("Li");
            assertThat(entry.getLong("timestamp")).isEqualTo(clock.millis());
        }
    }

    @Test
    void aChangedPinWorksAtOnceAndTheOldOneNoLonger() throws Exception {
        try (TestNode t = start()) {
            t.changeResource(resource("update", "employee", "mgr_01", new JsonObject().put("pin", "5555")));
            String orderId = orderWithCola(t);
            assertThat(code(t.send(discount(t, orderId, "mgr_01", TestNode.MANAGER_PIN))))
                    .isEqualTo("AUTHORIZATION_FAILED");
            assertThat(t.send(discount(t, orderId, "mgr_01", "5555")).getBoolean("success")).isTrue();
        }
    }
}
