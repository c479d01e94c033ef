package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.certs.DevelopmentCertificates;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge speaks the standard protocol: the official Vert.x client {@code @vertx/eventbus-bridge-client.js}
 * from npm, under Node, drives a whole order (src/test/js/whole-order.cjs) — on the loopback listener, and
 * on the network listener (https, trusting the store CA) as a browser till does, logging in with a terminal
 * token as its first frame. Its packages are installed by the build ({@code npm ci} before the tests).
 */
@Timeout(90)
class JavaScriptClientTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/js");

    @TempDir
    Path dir;

    @Test
    void theOfficialJavaScriptClientDrivesAWholeOrder() throws Exception {
        try (TestNode node = new TestNode(dir).start()) {
            JsonObject summary = run(node.node.url() + "/eventbus", Map.of());

            assertWholeOrder(node, summary);
            assertThat(summary.getValue("identity")).as("no login on loopback").isNull();
        }
    }

    @Test
    void itDrivesAWholeOrderOverTheNetworkListenerWithATerminalToken() throws Exception {
        try (TestNode node = TestNode.networked(dir, NodeConfig.defaults().bridge(), List.of()).start()) {
            JsonObject issued = node.request(Addresses.TOKENS_ISSUE,
                    new JsonObject().put("name", "browser-till").put("role", "terminal"));
            Path ca = new DevelopmentCertificates(node.config.tls().certsDir()).caPem();

            JsonObject summary = run(node.node.networkUrl().orElseThrow() + "/eventbus",
                    Map.of("REDCORAL_TOKEN", issued.getString("token"), "NODE_EXTRA_CA_CERTS", ca.toString()));

            assertWholeOrder(node, summary);
            assertThat(summary.getJsonObject("identity")).isEqualTo(new JsonObject().put("name", "browser-till")
                    .put("role", "terminal").put("source", "token"));
        }
    }

    @Test
    void aRefusedTokenEndsTheScriptBeforeAnythingElse() throws Exception {
        try (TestNode node = TestNode.networked(dir, NodeConfig.defaults().bridge(), List.of()).start()) {
            Path ca = new DevelopmentCertificates(node.config.tls().certsDir()).caPem();
            long head = node.status().getLong("server_sequence");

            Run run = start(node.node.networkUrl().orElseThrow() + "/eventbus",
                    Map.of("REDCORAL_TOKEN", "rct_0123456789abcdef_not-a-secret", "NODE_EXTRA_CA_CERTS", ca.toString()));

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("login refused").contains("AUTHENTICATION_FAILED");
            assertThat(node.status().getLong("server_sequence")).isEqualTo(head);
        }
    }

    private static void assertWholeOrder(TestNode node, JsonObject summary) {
        assertThat(summary.getString("status")).isEqualTo("COMPLETED");
        assertThat(summary.getLong("total")).isEqualTo(2 * 250 + 300);
        assertThat(summary.getLong("paid_total")).isEqualTo(800);
        assertThat(summary.getLong("remaining")).isZero();
        assertThat(summary.getString("receipt_number")).isEqualTo("JS-1");
        List<Object> expected = List.of("TABLE_OPENED", "ITEMS_ADDED", "PAYMENT_ADDED", "ORDER_COMPLETED");
        assertThat(summary.getJsonArray("event_types")).containsExactlyElementsOf(expected);
        assertThat(summary.getJsonArray("timeline_types")).containsExactlyElementsOf(expected);
        assertThat(summary.getJsonArray("synced_types")).containsExactlyElementsOf(expected);
        JsonObject stored = node.request(Addresses.ORDERS_GET,
                new JsonObject().put("order_id", summary.getString("order_id")));
        assertThat(stored.getString("status")).isEqualTo("COMPLETED");
    }

    /** How the script ended. */
    record Run(int exitCode, String out, String err) { }

    /** Runs the script against {@code url} and returns the summary it prints; fails with its output otherwise. */
    static JsonObject run(String url, Map<String, String> env) throws IOException, InterruptedException {
        Run run = start(url, env);
        assertThat(run.exitCode()).as("exit code; stderr: %s; stdout: %s", run.err(), run.out()).isZero();
        return new JsonObject(run.out().lines().reduce((first, second) -> second).orElse("{}"));
    }

    /** Runs the script against {@code url}, with {@code env} added to this process's environment, to its end. */
    static Run start(String url, Map<String, String> env) throws IOException, InterruptedException {
        assertThat(SCRIPT_DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))
                .as("the npm packages of src/test/js (the build runs `npm ci` there before the tests)").exists();
        ProcessBuilder builder = new ProcessBuilder("node", "whole-order.cjs", url).directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(false);
        builder.environment().remove("REDCORAL_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            // Read both streams while it runs, so that a full pipe never holds it up.
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            assertThat(ended).as("node whole-order.cjs ended within 60 s").isTrue();
            return new Run(process.exitValue(), out.join().strip(), err.join().strip());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
