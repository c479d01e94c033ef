package com.redcoral.edge.node;

import static com.redcoral.edge.node.TestNode.addItems;
import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.ledger.Commit;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.order.Order;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Group commit, nothing visible before it is durable, and a failing disk stopping the node. */
@Timeout(60)
class DurabilityTest {

    @TempDir
    Path dir;

    GatedStore gated;

    private TestNode startGated() throws Exception {
        return new TestNode(dir).start(TestNode.HOOKS.withLedger(store -> gated = new GatedStore(store)));
    }

    @Test
    void nothingIsVisibleUntilTheWriteIsDurable() throws Exception {
        try (TestNode t = startGated()) {
            TestNode.Events events = t.listen();
            String orderId = t.send(openTable("T1")).getString("order_id");
            events.next();
            gated.disk.hold();
            Future<JsonObject> answer = t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_COMMAND,
                    addItems(orderId, "cola", 1)).map(m -> m.body());
            gated.disk.awaitHeldWrite();

            assertThat(answer.isComplete()).isFalse();
            assertThat(events.pending()).isEmpty();
            JsonObject sync = t.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", 1));
            assertThat(sync.getLong("server_sequence")).isEqualTo(1);
            assertThat(sync.getJsonArray("events")).isEmpty();
            assertThat(t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId))
                    .getJsonArray("items")).isEmpty();
            assertThat(t.request(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", orderId))
                    .getJsonArray("events")).hasSize(1);
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);

            gated.disk.release();
            assertThat(answer.await().getBoolean("success")).isTrue();
            assertThat(events.next().getLong("sequence")).isEqualTo(2);
            assertThat(t.request(Addresses.ORDERS_GET, new JsonObject().put("order_id", orderId))
                    .getJsonArray("items")).hasSize(1);
        }
    }

    @Test
    void commandsQueuedDuringAWriteGoIntoTheNextWriteTogether() throws Exception {
        try (TestNode t = startGated()) {
            TestNode.Events events = t.listen();
            gated.disk.hold();
            Future<JsonObject> first = t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_COMMAND,
                    openTable(null)).map(m -> m.body());
            gated.disk.awaitHeldWrite();
            List<Future<JsonObject>> queued = IntStream.range(0, 10)
                    .mapToObj(i -> t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_COMMAND, openTable(null))
                            .map(m -> m.body()))
                    .toList();
            // The ten are decided and waiting for the writer once the node's status answers after them.
            awaitHandedToWriter(t);
            gated.disk.release();

            assertThat(first.await().getBoolean("success")).isTrue();
            assertThat(Future.all(queued).await().<JsonObject>list()).allMatch(r -> r.getBoolean("success"));
            JsonObject status = t.status();
            assertThat(status.getLong("commits")).isEqualTo(2);
            assertThat(status.getLong("commands")).isEqualTo(11);
            assertThat(events.next(11)).extracting(e -> e.getLong("sequence"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 11).mapToObj(Long::valueOf).toList());
        }
    }

    @Test
    void aFailedWriteAnswersStorageUnavailableAndTheNodeStopsTakingCommands() throws Exception {
        try (TestNode t = startGated()) {
            TestNode.Events events = t.listen();
            String orderId = t.send(openTable("T1")).getString("order_id");
            events.next();
            WebClient http = WebClient.create(t.vertx);
            assertThat(http.get(t.node.port(), "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);

            gated.disk.breakDisk();
            JsonObject failed = t.send(addItems(orderId, "cola", 1));
            assertThat(failed.getBoolean("success")).isFalse();
            assertThat(failed.getJsonObject("error").getString("code")).isEqualTo("STORAGE_UNAVAILABLE");
            JsonObject next = t.send(openTable("T2"));
            assertThat(next.getJsonObject("error").getString("code")).isEqualTo("STORAGE_UNAVAILABLE");

            var health = http.get(t.node.port(), "127.0.0.1", "/health").send().await();
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.bodyAsJsonObject().getString("state")).isEqualTo("failed");
            assertThat(health.bodyAsJsonObject().getString("error")).contains("No space left on device");
            assertThat(t.status().getLong("server_sequence")).isEqualTo(1);
            assertThat(events.pending()).isEmpty();
        }
    }

    @Test
    void healthIs503UntilTheNodeTakesCommands() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        TestNode t = new TestNode(dir);
        NodeConfig config = t.config.withHttpPort(port);
        try {
            Future<EdgeNode> starting = EdgeNode.start(t.vertx, config, TestNode.HOOKS.withLedger(store -> {
                opening.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return store;
            }));
            assertThat(opening.await(10, TimeUnit.SECONDS)).isTrue();
            WebClient http = WebClient.create(t.vertx);
            var early = http.get(port, "127.0.0.1", "/health").send().await();
            assertThat(early.statusCode()).isEqualTo(503);
            assertThat(early.bodyAsJsonObject().getString("state")).isEqualTo("starting");

            proceed.countDown();
            t.node = starting.await();
            var ready = http.get(port, "127.0.0.1", "/health").send().await();
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.bodyAsJsonObject().getString("role")).isEqualTo("primary");
            assertThat(ready.bodyAsJsonObject().getLong("server_sequence")).isZero();
        } finally {
            proceed.countDown();
            t.close();
        }
    }

    @Test
    void aNodeRefusesToStartOnALedgerThatDoesNotAddUp() throws Exception {
        try (TestNode t = new TestNode(dir).start()) {
            t.send(openTable("T1"));
            t.node.stop().await();
            t.node = null;
            try (RocksLedgerStore store = RocksLedgerStore.open(t.dataDir)) {
                Order o = store.activeOrders().get(0);
                Order forged = new Order(o.orderId(), o.status(), o.tableId(), o.tableName(), o.zoneId(), 12, o.note(),
                        o.surchargeExempt(), o.surchargePercent(), o.items(), o.payments(), o.receiptNumber(),
                        o.voidReason(), o.mergedInto(), o.openedAt(), o.closedAt(), o.lastSequence());
                store.append(new Commit(List.of(), List.of(forged), List.of(), store.head()));
            }
            assertThatThrownBy(() -> EdgeNode.start(t.vertx, t.config, TestNode.HOOKS).await())
                    .hasMessageContaining("does not check out")
                    .hasMessageContaining("verify --data-dir")
                    .hasMessageContaining("guest_count");
            // Nothing was left open: the folder can be opened again at once.
            RocksLedgerStore.openReadOnly(t.dataDir).close();
        }
    }

    /** Waits until every command sent before has been decided and handed to the writer. */
    private static void awaitHandedToWriter(TestNode t) {
        // Command handling runs in order on one thread: a probe answered after the queued commands
        // were handed over proves they were decided. An invalid command is answered without a write.
        JsonObject probe = t.send(new JsonObject().put("command_id", "probe"));
        assertThat(probe.getJsonObject("error").getString("code")).isEqualTo("INVALID_COMMAND");
    }
}
