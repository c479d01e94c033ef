package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as a separate process under concurrent load, killed with SIGKILL three times at different
 * moments: after each restart every acknowledged command is there (its id answers as a duplicate
 * with the same order), and {@code verify} finds the log gap-free, the chain intact and the
 * snapshots equal to a replay.
 */
@Timeout(300)
class CrashRecoveryIT {

    private static final int TERMINALS = 4;
    private static final Path JAR = Path.of(System.getProperty("redcoral.jar", "target/redcoral-edge.jar"));

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommandSurvivesSigkill() throws Exception {
        Path data = dir.resolve("data");
        Map<String, Acked> acked = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        try {
            for (int round = 1; round <= 3; round++) {
                try (NodeProcess node = serve(data)) {
                    assertRecorded(vertx, node, acked);
                    int target = acked.size() + 150 * round;
                    Load load = new Load(vertx, node.url().getPort(), acked);
                    load.awaitAcked(target);
                    node.kill();
                    load.awaitStopped();
                }
            }
            try (NodeProcess node = serve(data)) {
                assertRecorded(vertx, node, acked);
            }
            Process verify = NodeProcess.run(JAR, "verify", "--data-dir", data.toString());
            String report = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(verify.waitFor()).as(report).isZero();
            assertThat(report).contains("OK");
        } finally {
            vertx.close().await();
        }
    }

    private static NodeProcess serve(Path data) throws Exception {
        return NodeProcess.start(JAR, data, NodeConfig.DEMO_SEED, Duration.ofSeconds(60));
    }

    /** Every acknowledged command answers as a duplicate with its first response. */
    private static void assertRecorded(Vertx vertx, NodeProcess node, Map<String, Acked> acked) throws Exception {
        BridgeSocket socket = BridgeSocket.connect(vertx.createWebSocketClient(), node.url().getPort());
        for (Acked a : acked.values()) {
            JsonObject body = socket.request(Addresses.ORDERS_COMMAND, a.command(), UUID.randomUUID().toString())
                    .getJsonObject("body");
            assertThat(body.getBoolean("duplicate")).as("command %s after restart: %s", a.command(), body).isTrue();
            assertThat(body.getBoolean("success")).isTrue();
            assertThat(body.getString("order_id")).isEqualTo(a.orderId());
        }
        socket.ws.close().await();
    }

    record Acked(JsonObject command, String orderId) {}

    /** Terminals on their own threads, each running counter orders (open, add, pay, complete) until the node dies. */
    private static final class Load {
        private final AtomicInteger ackedCount;
        private final AtomicBoolean reached = new AtomicBoolean();
        private final CountDownLatch targetReached = new CountDownLatch(1);
        private final CountDownLatch stopped = new CountDownLatch(TERMINALS);
        private volatile int target = Integer.MAX_VALUE;

        Load(Vertx vertx, int port, Map<String, Acked> acked) {
            this.ackedCount = new AtomicInteger(acked.size());
            for (int i = 0; i < TERMINALS; i++) {
                Thread.ofVirtual().start(() -> {
                    try {
                        BridgeSocket socket = BridgeSocket.connect(vertx.createWebSocketClient(), port);
                        while (true) {
                            String orderId = send(socket, acked, TestNode.openTable(null), null);
                            send(socket, acked, TestNode.addItems(orderId, "espresso", 2), orderId);
                            send(socket, acked, TestNode.command("ADD_PAYMENT", new JsonObject()
                                    .put("order_id", orderId).put("method", "cash").put("amount", 500)), orderId);
                            send(socket, acked, TestNode.command("COMPLETE_ORDER", new JsonObject()
                                    .put("order_id", orderId).put("receipt_number", "R-" + orderId)), orderId);
                        }
                    } catch (Throwable nodeGone) {
                        // the node was killed: this terminal stops
                    } finally {
                        stopped.countDown();
                    }
                });
            }
        }

        private String send(BridgeSocket socket, Map<String, Acked> acked, JsonObject command, String orderId)
                throws InterruptedException {
            JsonObject body = socket.request(Addresses.ORDERS_COMMAND, command, UUID.randomUUID().toString())
                    .getJsonObject("body");
            if (!body.getBoolean("success")) {
                throw new AssertionError("refused: " + body);
            }
            acked.put(command.getString("command_id"), new Acked(command, body.getString("order_id")));
            if (ackedCount.incrementAndGet() >= target && reached.compareAndSet(false, true)) {
                targetReached.countDown();
            }
            return body.getString("order_id");
        }

        void awaitAcked(int n) throws InterruptedException {
            target = n;
            if (ackedCount.get() >= n && reached.compareAndSet(false, true)) {
                targetReached.countDown();
            }
            assertThat(targetReached.await(120, TimeUnit.SECONDS)).as("%d commands acknowledged", n).isTrue();
        }

        void awaitStopped() throws InterruptedException {
            assertThat(stopped.await(60, TimeUnit.SECONDS)).as("terminals stopped after the kill").isTrue();
        }
    }
}
