package com.redcoral.edge.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar run as a separate process, as a store runs it: {@code serve} on port 0, the URL
 * read from the line it prints. Output is drained by a thread and kept for failure messages.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://([0-9.]+):(\\d+)");

    final Process process;
    final int port;
    private final List<String> output;

    private NodeProcess(Process process, int port, List<String> output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    static Path jar() {
        return Path.of(System.getProperty("redcoral.jar", "target/redcoral-edge.jar"));
    }

    /** Runs {@code java -jar <jar> args…} with the java of this test run, and waits for it to end. */
    static Process run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    static NodeProcess serve(Path dataDir) throws Exception {
        Process process = run("serve", "--data-dir", dataDir.toString(), "--http-port", "0");
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("the node ended before listening: " + output));
        }, "node-output");
        drain.setDaemon(true);
        drain.start();
        try {
            return new NodeProcess(process, port.get(60, TimeUnit.SECONDS), output);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
