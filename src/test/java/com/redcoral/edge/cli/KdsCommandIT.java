package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.NodeProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar redcoral-edge.jar kds} as a cook runs it: tickets printed as they come, and Ctrl-C (SIGINT)
 * closing the connection, saying so and ending with the shell's status for it, 130.
 */
@Timeout(120)
class KdsCommandIT {

    private static final Path JAR = Path.of(System.getProperty("redcoral.jar", "target/redcoral-edge.jar"));

    @TempDir
    Path dir;

    @Test
    void thePackagedDisplayPrintsTicketsAndStopsCleanlyOnCtrlC() throws Exception {
        try (KitchenNode node = new KitchenNode(dir)) {
            Process kds = NodeProcess.run(JAR, "kds", "--url", "http://127.0.0.1:" + node.port(),
                    "--destination", "bar");
            Transcript out = new Transcript();
            Thread.ofPlatform().daemon().name("kds-output").start(() -> copy(kds, out));
            try {
                out.until("connected: 0 open tickets");
                String ticket = node.espressos(node.open("T1"), 4);
                assertThat(out.until("#" + ticket)).last().asString().contains("NEW", "Table 1");
                assertThat(out.until("x Espresso")).last().asString().isEqualTo("             4 x Espresso");

                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(kds.pid())).start().waitFor()).isZero();
                assertThat(kds.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
                assertThat(kds.exitValue()).isEqualTo(130);
                out.until("stopped");
            } finally {
                kds.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void copy(Process process, Transcript transcript) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter to = new PrintWriter(transcript, true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                to.println(line);
            }
        } catch (java.io.IOException ended) {
            // the process is gone
        }
    }
}
