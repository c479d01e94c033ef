package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge speaks the standard protocol: the official Vert.x client {@code @vertx/eventbus-bridge-client.js}
 * from npm, under Node, drives a whole order (src/test/js/whole-order.cjs). Its packages are installed by
 * the build ({@code npm ci} before the tests).
 */
class JavaScriptClientTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/js");

    @TempDir
    Path dir;
    private TestNode node;

    @BeforeEach
    void start() throws IOException {
        node = new TestNode(dir).start();
    }

    @AfterEach
    void close() {
        node.close();
    }

    @Test
    void theOfficialJavaScriptClientDrivesAWholeOrder() throws Exception {
        JsonObject summary = run(node.node.url() + "/eventbus", Map.of());

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

    /** Runs the script against {@code url} and returns the summary it prints; fails with its output otherwise. */
    static JsonObject run(String url, Map<String, String> env) throws IOException, InterruptedException {
        assertThat(SCRIPT_DIR.resolve("node_modules/@vertx/eventbus-bridge-client.js"))
                .as("the npm packages of src/test/js (the build runs `npm ci` there before the tests)").exists();
        ProcessBuilder builder = new ProcessBuilder("node", "whole-order.cjs", url).directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(ended).as("node whole-order.cjs ended within 60 s").isTrue();
            assertThat(process.exitValue()).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
            return new JsonObject(out.lines().reduce((first, second) -> second).orElse("{}"));
        } finally {
            process.destroyForcibly();
        }
    }
}
