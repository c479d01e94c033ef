package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.NodeConfig;
import com.redcoral.edge.node.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a store runs it: a node in a process of its own (the demo café) and the admin CLI in
 * others — on the loopback listener and across the network listener with the admin certificate the node's
 * first start made, the PIN from the environment, a backup, and a restore refused because the other process
 * holds the data folder (RocksDB's lock across processes).
 */
@Timeout(180)
class AdminCliIT {

    private static final Path JAR = Path.of(System.getProperty("redcoral.jar", "target/redcoral-edge.jar"));

    @TempDir
    Path dir;

    record Result(int exit, String output) {}

    @Test
    void theJarsAdminTalksToANodeInAnotherProcessOnBothListenersAndRestoreRespectsItsLock() throws Exception {
        Path data = dir.resolve("data");
        try (NodeProcess node = NodeProcess.start(JAR, data, NodeConfig.DEMO_SEED, Duration.ofSeconds(60))) {
            String url = node.url().toString();

            Result status = admin(null, "status", "--url", url);
            assertThat(status.exit()).as(status.output()).isZero();
            assertThat(status.output()).contains("node       primary, serving, sequence 0");

            // Across the network listener, as the admin certificate the node's first start made beside its data.
            String network = "https://127.0.0.1:" + node.networkUrl().orElseThrow().getPort();
            List<String> asAdmin = List.of("--url", network, "--ca", node.certsDir().resolve("ca.pem").toString(),
                    "--cert", node.certsDir().resolve("admin.pem").toString());
            Result remote = admin(null, with(asAdmin, "status"));
            assertThat(remote.exit()).as(remote.output()).isZero();
            assertThat(remote.output()).startsWith("caller     admin-cli (admin, certificate)")
                    .contains("node       primary, serving, sequence 0")
                    .containsPattern("  admin-cli \\(admin, certificate\\) [0-9a-f]+ on network from 127\\.0\\.0\\.1:");
            Result issued = admin(null, with(asAdmin, "tokens", "issue", "--name", "till-2", "--role", "terminal"));
            assertThat(issued.exit()).as(issued.output()).isZero();
            assertThat(issued.output()).startsWith("token      rct_")
                    .containsPattern("issued     .* by admin-cli \\(admin, certificate [0-9a-f]+\\)");

            Result put = admin("9999", "resources", "put", "product", "tea", "--data", "{\"name\": \"Tea\", \"price\": 280}",
                    "--operator", "mgr_01", "--url", url);
            assertThat(put.exit()).as(put.output()).isZero();
            assertThat(put.output()).contains("product tea created, version").doesNotContain("9999");

            Path backup = dir.resolve("backup");
            Result copied = admin(null, "backup", backup.toString(), "--url", url);
            assertThat(copied.exit()).as(copied.output()).isZero();

            Result refused = admin(null, "restore", "--from", backup.toString(), "--data-dir", data.toString());
            assertThat(refused.exit()).isEqualTo(AdminCommand.REFUSED);
            assertThat(refused.output()).contains("is in use by a running node (RocksDB's lock is held)");
        }
        Result restored = admin(null, "restore", "--from", dir.resolve("backup").toString(), "--data-dir",
                dir.resolve("restored").toString());
        assertThat(restored.exit()).as(restored.output()).isZero();
        assertThat(restored.output()).contains("OK: chain intact, snapshots equal replay");
    }

    private static String[] with(List<String> options, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(options);
        return line.toArray(String[]::new);
    }

    /** Runs {@code java -jar JAR admin ARGS}, with {@code REDCORAL_OPERATOR_PIN} set when {@code pin} is given. */
    private static Result admin(String pin, String... args) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString(), "admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove(AdminCommand.PIN_VARIABLE);
        if (pin != null) {
            builder.environment().put(AdminCommand.PIN_VARIABLE, pin);
        }
        Process process = builder.start();
        process.getOutputStream().close(); // no one types: a missing PIN is a usage error, not a wait
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("admin " + String.join(" ", args) + " did not end: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
