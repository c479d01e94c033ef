package com.redcoral.edge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A node of its own for a bench: {@code java -jar <this jar> serve} on a fresh data directory and a
 * free port, in a separate process so the bench's load does not share its JVM. Closing it stops the
 * process and deletes the directory, also when the bench fails or is interrupted.
 */
final class NodeProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on (https?://[^\\s()]+)");
    private static final int LINES_KEPT = 40;

    private final Process process;
    private final Path dataDir;
    private final Thread shutdownHook;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> url = new CompletableFuture<>();

    private NodeProcess(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.shutdownHook = new Thread(this::stop, "redcoral-bench-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread.ofPlatform().daemon().name("redcoral-bench-node-output").start(this::readOutput);
    }

    /** Starts a node and waits until it says where it listens. */
    static NodeProcess start(Duration timeout) throws IOException, InterruptedException {
        Path jar = runningJar();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path dataDir = Files.createTempDirectory("redcoral-bench-");
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "serve",
                "--data-dir", dataDir.toString(), "--http-port", "0")
                .redirectErrorStream(true)
                .start();
        NodeProcess node = new NodeProcess(process, dataDir);
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

    /** Where the node listens, {@code http://host:port}. */
    URI url() {
        return url.join();
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
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + dataDir + ": " + e.getMessage());
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

    /** The jar the bench runs from; a bench started from classes has no node to start. */
    private static Path runningJar() throws IOException {
        CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
        Path location;
        try {
            location = source == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            location = null;
        }
        if (location == null || !Files.isRegularFile(location)) {
            throw new IOException("the bench is not running from the jar (" + location + "), so it has no node "
                    + "to start: build the jar (mvn package), or give --url of a running node");
        }
        return location;
    }
}
