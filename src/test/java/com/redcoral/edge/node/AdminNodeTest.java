package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.approved;
import static com.redcoral.edge.node.TestNode.command;
import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.ledger.StoreBackup;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail, the live check and the backup on a real node: pos.orders.audit and pos.admin.verify|backup. */
@Timeout(60)
class AdminNodeTest {

    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws Exception {
        node = new TestNode(dir.resolve("node")).start();
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void theAuditTrailSaysEachEventAsASentenceWithWhoApprovedIt() {
        String order = node.send(openTable("T1")).getString("order_id");
        node.send(addItems(order, "cola", 4));
        JsonObject discount = node.send(approved(command("MODIFY_ITEM", new JsonObject().put("order_id", order)
                .put("instance_id", "5d5cbd353c5e83d9").put("affected_quantity", 2)
                .put("changes", new JsonObject().put("discount_percent", 50)))));
        assertThat(discount.getBoolean("success")).isTrue();

        JsonObject audit = node.request(Addresses.ORDERS_AUDIT, new JsonObject().put("order_id", order));

        assertThat(audit.getString("order_id")).isEqualTo(order);
        List<JsonObject> entries = audit.getJsonArray("entries").stream().map(JsonObject.class::cast).toList();
        assertThat(entries).extracting(e -> e.getString("sentence")).containsExactly(
                "Zhang San opened Table 1",
                "Zhang San added 4 Cola (5d5cbd) at 3.00 each",
                "Zhang San applied a 50% discount to 2 of 4 Cola (5d5cbd), approved by Li: 2 stay at full price "
                        + "(5d5cbd), 2 now discounted (46fa59)");
        JsonObject last = entries.getLast();
        assertThat(last.fieldNames()).containsExactlyInAnyOrder("sequence", "timestamp", "event_type", "operator_id",
                "operator_name", "authorizer_id", "authorizer_name", "sentence");
        assertThat(last.getLong("sequence")).isEqualTo(3);
        assertThat(last.getString("event_type")).isEqualTo("ITEM_MODIFIED");
        assertThat(last.getString("operator_id")).isEqualTo("emp_01");
        assertThat(last.getString("authorizer_id")).isEqualTo("mgr_01");
        assertThat(last.getString("authorizer_name")).isEqualTo("Li");
        assertThat(entries.getFirst().getValue("authorizer_id")).isNull();
    }

    @Test
    void theAuditOfAnUnknownOrderOrWithoutAnIdIsRefused() {
        assertThat(error(node.request(Addresses.ORDERS_AUDIT, new JsonObject().put("order_id", "nope"))))
                .isEqualTo("ORDER_NOT_FOUND");
        JsonObject missing = node.request(Addresses.ORDERS_AUDIT, new JsonObject());
        assertThat(error(missing)).isEqualTo("INVALID_REQUEST");
        assertThat(missing.getJsonObject("error").getString("message")).startsWith("order_id:");
    }

    @Test
    void theLiveStoreIsCheckedWhileOrdersAreWritten() throws Exception {
        writeOrders(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                writeOrders(1);
            }
        });
        try {
            JsonObject report = node.request(Addresses.ADMIN_VERIFY, new JsonObject());

            assertThat(report.getBoolean("success")).isTrue();
            assertThat(report.getBoolean("ok")).as("%s", report).isTrue();
            assertThat(report.getJsonArray("problems")).isEmpty();
            assertThat(report.getLong("head_sequence")).isGreaterThanOrEqualTo(10);
            assertThat(report.getLong("events_checked")).isEqualTo(report.getLong("head_sequence"));
            assertThat(report.getLong("orders_checked")).isGreaterThanOrEqualTo(5);
        } finally {
            writing.set(false);
            writer.join();
        }
    }

    @Test
    void aBackupWhileOrdersAreWrittenIsAConsistentCopyWithItsProgress() throws Exception {
        writeOrders(20);
        TestNode.Events progress = node.listen(Addresses.ADMIN_BACKUP_PROGRESS);
        Path folder = dir.resolve("backups/monday");
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                writeOrders(1);
            }
        });
        JsonObject copied;
        try {
            copied = node.request(Addresses.ADMIN_BACKUP, new JsonObject().put("folder", folder.toString()));
        } finally {
            writing.set(false);
            writer.join();
        }

        assertThat(copied.getBoolean("success")).as("%s", copied).isTrue();
        assertThat(copied.getString("folder")).isEqualTo(folder.toString());
        assertThat(copied.getJsonArray("column_families").getList()).contains("events", "snapshots", "resources",
                "resource_changes", "credentials", "kitchen", "meta");
        assertThat(copied.getJsonArray("files").stream().map(f -> ((JsonObject) f).getString("name")))
                .contains("CURRENT").doesNotContain("LOCK");
        assertThat(copied.getLong("bytes_total")).isPositive();
        List<JsonObject> messages = new ArrayList<>();
        do {
            messages.add(progress.next());
        } while (!"done".equals(messages.getLast().getString("state")));
        assertThat(messages).allSatisfy(m -> assertThat(m.getString("backup_id"))
                .isEqualTo(copied.getString("backup_id")));
        assertThat(messages.getLast().getLong("files_done")).isEqualTo(copied.getLong("files_total"));
        assertThat(messages.getLast().getLong("bytes_done")).isEqualTo(copied.getLong("bytes_total"));
        assertThat(Files.list(node.dataDir).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.startsWith(StoreBackup.STAGING_PREFIX));

        try (RocksLedgerStore backup = RocksLedgerStore.openReadOnly(folder)) {
            assertThat(backup.head().sequence()).isEqualTo(copied.getLong("head_sequence"));
            assertThat(backup.head().hash()).isEqualTo(copied.getString("head_hash"));
            assertThat(LedgerVerifier.verify(backup, LedgerVerifier.Progress.NONE).problems()).isEmpty();
            assertThat(backup.resources().load().items(com.redcoral.edge.resource.ResourceType.EMPLOYEE)).isNotEmpty();
        }
    }

    @Test
    void aBackupIsRefusedForAFolderItCannotUse() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThat(refusal(new JsonObject())).isEqualTo("INVALID_REQUEST: folder: is required");
        assertThat(refusal(new JsonObject().put("folder", "relative/path")))
                .isEqualTo("INVALID_REQUEST: folder: must be an absolute path on the node's machine, not relative/path");
        assertThat(refusal(new JsonObject().put("folder", full.toString())))
                .startsWith("INVALID_REQUEST: folder: " + full + " is not empty");
        assertThat(refusal(new JsonObject().put("folder", file.toString())))
                .isEqualTo("INVALID_REQUEST: folder: " + file + " is a file, not a folder");
        assertThat(refusal(new JsonObject().put("folder", node.dataDir.resolve("copy").toString())))
                .startsWith("INVALID_REQUEST: folder: " + node.dataDir.resolve("copy") + " is inside the node's data folder");
        assertThat(Files.readString(full.resolve("keep.txt"))).isEqualTo("mine");
        assertThat(Files.list(full)).hasSize(1);
    }

    private String refusal(JsonObject request) {
        JsonObject reply = node.request(Addresses.ADMIN_BACKUP, request);
        assertThat(reply.getBoolean("success")).isFalse();
        return error(reply) + ": " + reply.getJsonObject("error").getString("message");
    }

    private void writeOrders(int n) {
        for (int i = 0; i < n; i++) {
            String order = node.send(openTable(null)).getString("order_id");
            node.send(addItems(order, "espresso", 2));
        }
    }

    private static String error(JsonObject reply) {
        return reply.getJsonObject("error").getString("code");
    }
}
