package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.command;
import static com.redcoral.edge.node.TestNode.openTable;
import static com.redcoral.edge.node.TestNode.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Resources on a real node: versions, the change log, the epoch, and orders reading the catalog. */
@Timeout(60)
class ResourceNodeTest {

    @TempDir
    Path dir;

    @Test
    void aNewStoreHasTheAdminTheSeedAndAVersionPerType() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            JsonObject status = t.request(Addresses.RESOURCES_STATUS, new JsonObject());
            assertThat(status.getString("epoch")).matches("[0-9a-f-]{36}");
            assertThat(status.getJsonObject("versions").fieldNames()).containsExactlyInAnyOrder("product", "category",
                    "tag", "attribute", "zone", "dining_table", "employee", "role", "price_rule", "print_destination");
            // admin role + manager + cashier; admin + three seeded employees
            assertThat(status.getJsonObject("versions").getLong("role")).isEqualTo(3);
            assertThat(status.getJsonObject("versions").getLong("employee")).isEqualTo(4);
            assertThat(status.getJsonObject("versions").getLong("tag")).isZero();

            JsonObject roles = list(t, "role");
            JsonObject admin = roles.getJsonArray("items").getJsonObject(0);
            assertThat(admin.getString("id")).isEqualTo("admin");
            assertThat(admin.getJsonArray("permissions")).hasSize(7);
            JsonObject employees = list(t, "employee");
            assertThat(employees.getJsonArray("items").stream().map(e -> ((JsonObject) e).getString("id")))
                    .containsExactly("admin", "emp_01", "mgr_01", "old_01");
        }
    }

    @Test
    void createUpdateDeleteBumpTheTypeVersionByOneAndPublishAfterTheWrite() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            long before = version(t, "product");

            JsonObject created = t.changeResource(resource("create", "product", "tea",
                    new JsonObject().put("name", "Tea").put("price", 220)));
            assertThat(created.getBoolean("success")).isTrue();
            assertThat(created.getLong("version")).isEqualTo(before + 1);
            JsonObject sync = syncs.next();
            assertThat(sync.getString("resource")).isEqualTo("product");
            assertThat(sync.getString("action")).isEqualTo("created");
            assertThat(sync.getLong("version")).isEqualTo(before + 1);
            assertThat(sync.getJsonObject("data").getInteger("price")).isEqualTo(220);

            JsonObject updated = t.changeResource(resource("update", "product", "tea",
                    new JsonObject().put("price", 240)).put("expected_version", before + 1));
            assertThat(updated.getLong("version")).isEqualTo(before + 2);
            JsonObject updateSync = syncs.next();
            assertThat(updateSync.getJsonObject("data").getString("name")).isEqualTo("Tea");
            assertThat(updateSync.getJsonObject("data").getInteger("price")).isEqualTo(240);

            JsonObject deleted = t.changeResource(resource("delete", "product", "tea", null));
            assertThat(deleted.getLong("version")).isEqualTo(before + 3);
            JsonObject deleteSync = syncs.next();
            assertThat(deleteSync.getString("action")).isEqualTo("deleted");
            assertThat(deleteSync.getValue("data")).isNull();

            JsonObject products = list(t, "product");
            assertThat(products.getLong("version")).isEqualTo(before + 3);
            assertThat(products.getJsonArray("items").stream().map(p -> ((JsonObject) p).getString("id")))
                    .doesNotContain("tea");

            JsonObject changes = t.request(Addresses.RESOURCES_CHANGES,
                    new JsonObject().put("resource", "product").put("since_version", before));
            assertThat(changes.getBoolean("requires_full_sync")).isFalse();
            JsonArray entries = changes.getJsonArray("changes");
            assertThat(entries).hasSize(3);
            JsonObject update = entries.getJsonObject(1);
            assertThat(update.getString("operator_id")).isEqualTo("admin");
            assertThat(update.getString("operator_name")).isEqualTo("Administrator");
            assertThat(update.getJsonObject("before").getInteger("price")).isEqualTo(220);
            assertThat(update.getJsonObject("data").getInteger("price")).isEqualTo(240);
        }
    }

    @Test
    void aStaleExpectedVersionIsAConflictAndChangesNothing() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            t.changeResource(resource("update", "product", "cola", new JsonObject().put("price", 310)));
            long version = version(t, "product");
            JsonObject stale = t.changeResource(resource("update", "product", "cola",
                    new JsonObject().put("price", 320)).put("expected_version", 1));
            assertThat(code(stale)).isEqualTo("VERSION_CONFLICT");
            assertThat(version(t, "product")).isEqualTo(version);
            assertThat(item(t, "product", "cola").getInteger("price")).isEqualTo(310);
        }
    }

    @Test
    void badInputAndRefusedOperatorsLeaveEveryVersionAndTheLogUntouched() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            JsonObject versions = t.request(Addresses.RESOURCES_STATUS, new JsonObject()).getJsonObject("versions");
            Map<JsonObject, String> refused = Map.ofEntries(
                    Map.entry(resource("create", "product", "x", new JsonObject().put("name", "X").put("price", 1.5)),
                            "INVALID_COMMAND"),
                    Map.entry(resource("create", "product", "x", new JsonObject().put("price", 100)), "INVALID_COMMAND"),
                    Map.entry(resource("create", "gadget", "x", new JsonObject().put("name", "X")), "INVALID_COMMAND"),
                    Map.entry(resource("create", "dining_table", "T9", new JsonObject().put("name", "T9")
                            .put("zone_id", "roof")), "INVALID_COMMAND"),
                    Map.entry(resource("create", "employee", "e9", new JsonObject().put("name", "E")
                            .put("role_id", "cashier").put("pin", "12")), "INVALID_COMMAND"),
                    Map.entry(resource("create", "product", "cola", new JsonObject().put("name", "C").put("price", 1)),
                            "RESOURCE_EXISTS"),
                    Map.entry(resource("update", "product", "nothing", new JsonObject().put("price", 1)),
                            "RESOURCE_NOT_FOUND"),
                    Map.entry(resource("delete", "zone", "hall", null), "RESOURCE_IN_USE"),
                    Map.entry(resource("create", "tag", "t1", new JsonObject().put("name", "T"))
                            .put("operator_pin", "0000"), "AUTHORIZATION_FAILED"),
                    Map.entry(resource("create", "tag", "t1", new JsonObject().put("name", "T"))
                            .put("operator_id", "emp_01").put("operator_pin", TestNode.CASHIER_PIN),
                            "AUTHORIZATION_REQUIRED"),
                    Map.entry(resource("create", "tag", "t1", new JsonObject().put("name", "T"))
                            .put("operator_id", "old_01").put("operator_pin", TestNode.CASHIER_PIN),
                            "UNKNOWN_OPERATOR"));
            for (var entry : refused.entrySet()) {
                assertThat(code(t.changeResource(entry.getKey()))).as(entry.getKey().encode()).isEqualTo(entry.getValue());
            }
            assertThat(t.request(Addresses.RESOURCES_STATUS, new JsonObject()).getJsonObject("versions"))
                    .isEqualTo(versions);
            assertThat(syncs.pending()).isEmpty();
        }
    }

    @Test
    void theLastManagerCannotBeRemoved() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            assertThat(t.changeResource(resource("delete", "employee", "mgr_01", null)).getBoolean("success")).isTrue();
            JsonObject last = t.changeResource(resource("update", "employee", "admin",
                    new JsonObject().put("active", false)));
            assertThat(code(last)).isEqualTo("NO_MANAGER_LEFT");
        }
    }

    @Test
    void aRestartKeepsTheVersionsAndChangesTheEpoch() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            t.changeResource(resource("create", "tag", "vegan", new JsonObject().put("name", "Vegan")));
            JsonObject first = t.request(Addresses.RESOURCES_STATUS, new JsonObject());
            t.restart();
            JsonObject second = t.request(Addresses.RESOURCES_STATUS, new JsonObject());
            assertThat(second.getString("epoch")).isNotEqualTo(first.getString("epoch"));
            assertThat(second.getJsonObject("versions")).isEqualTo(first.getJsonObject("versions"));
            assertThat(item(t, "tag", "vegan").getString("name")).isEqualTo("Vegan");
            // The admin was bootstrapped once: the restart made no new changes.
            assertThat(second.getJsonObject("versions").getLong("employee")).isEqualTo(4);
        }
    }

    @Test
    void concurrentWritersGetConsecutiveVersionsEachExactlyOnce() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            TestNode.Events syncs = t.listen(Addresses.RESOURCES_SYNC);
            long start = version(t, "product");
            int writers = 24;
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                JsonObject command = i % 3 == 0
                        ? resource("update", "product", "cola", new JsonObject().put("price", 300 + i))
                        : resource("create", "product", "p" + i, new JsonObject().put("name", "P" + i).put("price", i));
                answers.add(t.vertx.eventBus().<JsonObject>request(Addresses.RESOURCES_COMMAND, command)
                        .map(m -> m.body()));
            }
            List<Long> versions = Future.all(answers).await().<JsonObject>list().stream()
                    .peek(a -> assertThat(a.getBoolean("success")).as(a.encode()).isTrue())
                    .map(a -> a.getLong("version")).sorted().toList();
            assertThat(versions).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, writers).mapToObj(i -> start + i).toList());
            assertThat(syncs.next(writers).stream().map(s -> s.getLong("version")).toList())
                    .containsExactlyElementsOf(versions);
            JsonObject products = list(t, "product");
            assertThat(products.getLong("version")).isEqualTo(start + writers);
            assertThat(products.getJsonArray("items")).hasSize(2 + writers - writers / 3);
            JsonArray log = t.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "product")
                    .put("since_version", start)).getJsonArray("changes");
            assertThat(log.stream().map(e -> ((JsonObject) e).getLong("version")).toList())
                    .containsExactlyElementsOf(versions);
        }
    }

    @Test
    void aListIsAlwaysExactlyTheItemsOfTheVersionItCarries() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            List<Future<JsonObject>> writes = new ArrayList<>();
            List<Future<JsonObject>> lists = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                writes.add(t.vertx.eventBus().<JsonObject>request(Addresses.RESOURCES_COMMAND,
                        resource("create", "tag", "t" + i, new JsonObject().put("name", "T" + i))).map(m -> m.body()));
                lists.add(t.vertx.eventBus().<JsonObject>request(Addresses.RESOURCES_LIST,
                        new JsonObject().put("resource", "tag")).map(m -> m.body()));
            }
            Future.all(writes).await();
            for (JsonObject list : Future.all(lists).await().<JsonObject>list()) {
                long version = list.getLong("version");
                // Tags are only created here, one per version: a list at version v holds exactly v of them.
                assertThat(list.getJsonArray("items")).as("the list at version " + version).hasSize((int) version);
                assertThat(list.getJsonArray("items").stream().map(i -> ((JsonObject) i).getLong("version")))
                        .allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(version));
            }
            assertThat(list(t, "tag").getLong("version")).isEqualTo(20);
        }
    }

    @Test
    void ordersUseTheCatalogAsItStandsAndOldEventsKeepWhatTheySaid() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            t.changeResource(resource("create", "product", "tea", new JsonObject().put("name", "Tea").put("price", 220)));
            t.changeResource(resource("create", "dining_table", "T9", new JsonObject().put("name", "Window")
                    .put("zone_id", "terrace")));
            TestNode.Events events = t.listen();
            String orderId = t.send(openTable("T9")).getString("order_id");
            assertThat(events.next().getJsonObject("payload").getString("table_name")).isEqualTo("Window");
            t.send(addItems(orderId, "tea", 2));
            JsonObject added = events.next();
            JsonObject line = added.getJsonObject("payload").getJsonArray("items").getJsonObject(0);
            assertThat(line.getString("name")).isEqualTo("Tea");
            assertThat(line.getInteger("price")).isEqualTo(220);

            t.changeResource(resource("update", "product", "tea", new JsonObject().put("name", "Green tea")
                    .put("price", 260)));
            JsonObject timeline = t.request(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", orderId));
            JsonObject stored = timeline.getJsonArray("events").getJsonObject(1);
            assertThat(stored.getJsonObject("payload").getJsonArray("items").getJsonObject(0).getInteger("price"))
                    .isEqualTo(220);
            t.send(addItems(orderId, "tea", 1));
            JsonObject later = events.next().getJsonObject("payload").getJsonArray("items").getJsonObject(0);
            assertThat(later.getString("name")).isEqualTo("Green tea");
            assertThat(later.getInteger("price")).isEqualTo(260);

            t.changeResource(resource("update", "product", "tea", new JsonObject().put("active", false)));
            assertThat(code(t.send(addItems(orderId, "tea", 1)))).isEqualTo("PRODUCT_NOT_FOUND");
            assertThat(code(t.send(addItems(orderId, "nothing", 1)))).isEqualTo("PRODUCT_NOT_FOUND");
            assertThat(code(t.send(openTable("T77")))).isEqualTo("TABLE_NOT_FOUND");
        }
    }

    @Test
    void anEmployeeMadeInactiveCanNoLongerOperateAndANewOneCan() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            t.changeResource(resource("update", "employee", "emp_01", new JsonObject().put("active", false)));
            assertThat(code(t.send(openTable(null)))).isEqualTo("UNKNOWN_OPERATOR");
            t.changeResource(resource("create", "employee", "emp_09", new JsonObject().put("name", "Chen")
                    .put("role_id", "cashier").put("pin", "8642")));
            TestNode.Events events = t.listen();
            JsonObject open = command(java.util.UUID.randomUUID().toString(), "emp_09", "OPEN_TABLE", new JsonObject());
            assertThat(t.send(open).getBoolean("success")).isTrue();
            assertThat(events.next().getString("operator_name")).isEqualTo("Chen");
        }
    }

    @Test
    void theChangeLogKeepsWhatTheSettingsSayThenAsksForAFullSync() throws Exception {
        try (TestNode small = new TestNode(dir, 1000, NodeConfig.defaults().bridge(), new NodeConfig.Resources(2))
                .start()) {
            for (int i = 0; i < 4; i++) {
                small.changeResource(resource("create", "tag", "t" + i, new JsonObject().put("name", "T" + i)));
            }
            JsonObject recent = small.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag")
                    .put("since_version", 2));
            assertThat(recent.getBoolean("requires_full_sync")).isFalse();
            assertThat(recent.getJsonArray("changes")).hasSize(2);
            JsonObject old = small.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag")
                    .put("since_version", 1));
            assertThat(old.getBoolean("requires_full_sync")).isTrue();
            assertThat(old.getJsonArray("changes")).isEmpty();
            assertThat(old.getLong("version")).isEqualTo(4);
            JsonObject ahead = small.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag")
                    .put("since_version", 9));
            assertThat(ahead.getBoolean("requires_full_sync")).isTrue();
        }
    }

    @Test
    void requestsThatCannotBeReadAreAnsweredWithInvalidRequest() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            assertThat(code(t.request(Addresses.RESOURCES_LIST, new JsonObject().put("resource", "gadget"))))
                    .isEqualTo("INVALID_REQUEST");
            assertThat(code(t.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag"))))
                    .isEqualTo("INVALID_REQUEST");
            assertThat(code(t.request(Addresses.RESOURCES_CHANGES, new JsonObject().put("resource", "tag")
                    .put("since_version", -1)))).isEqualTo("INVALID_REQUEST");
        }
    }

    static JsonObject list(TestNode t, String type) {
        return t.request(Addresses.RESOURCES_LIST, new JsonObject().put("resource", type));
    }

    static long version(TestNode t, String type) {
        return list(t, type).getLong("version");
    }

    static JsonObject item(TestNode t, String type, String id) {
        return list(t, type).getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(i -> i.getString("id").equals(id)).findFirst().orElseThrow();
    }

    static String code(JsonObject reply) {
        return reply.getJsonObject("error") == null ? null : reply.getJsonObject("error").getString("code");
    }
}
