package com.redcoral.edge.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in a process of its own: {@code java -jar <jar> serve} on a data folder and a free port,
 * as a store runs it. The bench uses one so its load does not share the node's JVM; the crash
 * tests kill one with SIGKILL. {@link #close()} stops it (SIGTERM, then SIGKILL after 15 s), also
 * when the JVM exits first.
 */
public final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?://[^\\s()]+)");
    private static final int LINES_KEPT = 40;

    private final Process process;
    private final Thread shutdownHook;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> url = new CompletableFuture<>();

    private NodeProcess(Process process) {
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "redcoral-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread.ofPlatform().daemon().name("redcoral-node-output").start(this::readOutput);
    }

    /**
     * Starts {@code serve} from {@code jar} on {@code dataDir}, a new store getting {@code storeSeed}
     * ({@code demo}, a file, or null for none), and waits until it says where it listens. Both listeners
     * take free ports; the network listener's certificates are made beside the data folder
     * ({@code <data>-certs}) on the first start.
     */
    public static NodeProcess start(Path jar, Path dataDir, String storeSeed, Duration timeout)
            throws IOException, InterruptedException {
        Path absolute = dataDir.toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString(), "--http-port", "0",
                "--tls-port", "0", "--certs-dir", absolute.resolveSibling(absolute.getFileName() + "-certs").toString()));
        if (storeSeed != null) {
            args.addAll(List.of("--store-seed", storeSeed));
        }
        Process process = run(jar, args.toArray(String[]::new));
        NodeProcess node = new NodeProcess(process);
        try {
            node.url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return node;
        } catch (ExecutionException | TimeoutException e) {
            node.close();
            throw new IOException((e instanceof TimeoutException
                    ? "the node did not say where it listens within " + timeout.toSeconds() + " s"
                    : e.getCause().getMessage()) + "; its last output:\n" + node.lastOutput());
        } catch (InterruptedException e) {
            node.close();
            throw e;
        }
    }

    /** Runs another subcommand of the jar ({@code verify}, …) with the java of this JVM; output and errors merged. */
    public static Process run(Path jar, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Where the node listens, {@code http://host:port}. */
    public URI url() {
        return url.join();
    }

    /** SIGKILL, as a power cut: no shutdown hook, no flush. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: the node is being stopped either way.
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                remember(line);
                Matcher listening = LISTENING.matcher(line);
                if (!url.isDone() && listening.find()) {
                    url.complete(URI.create(listening.group(1)));
                }
            }
        } catch (IOException e) {
            // The process is gone; the check below says so.
        }
        url.completeExceptionally(new IOException("the node exited with status " + exitStatus()
                + " before it was listening"));
    }

    private String exitStatus() {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private synchronized void remember(String line) {
        if (lastLines.size() == LINES_KEPT) {
            lastLines.removeFirst();
        }
        lastLines.addLast(line);
    }

    private synchronized String lastOutput() {
        return String.join("\n", lastLines);
    }
}
