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
import java.util.Optional;
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
    private static final Pattern NETWORK = Pattern.compile("Network listener \\(TLS\\) on (https://[^\\s()]+)");
    private static final int LINES_KEPT = 40;

    private final Process process;
    private final Thread shutdownHook;
    private final ArrayDeque<String> lastLines = new ArrayDeque<>();
    private final CompletableFuture<URI> url = new CompletableFuture<>();
    /** Completed with null when the node says it has no network listener. */
    private final CompletableFuture<URI> networkUrl = new CompletableFuture<>();
    private final Path certsDir;

    private NodeProcess(Process process, Path certsDir) {
        this.process = process;
        this.certsDir = certsDir;
        this.shutdownHook = new Thread(this::stop, "redcoral-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Thread.ofPlatform().daemon().name("redcoral-node-output").start(this::readOutput);
    }

    /**
     * Starts {@code serve} from {@code jar} on {@code dataDir}, a new store getting {@code storeSeed}
     * ({@code demo}, a file, or null for none), and waits until it says where its two listeners listen. Both
     * take free ports; the network listener's certificates are made beside the data folder
     * ({@code <data>-certs}) on the first start.
     */
    public static NodeProcess start(Path jar, Path dataDir, String storeSeed, Duration timeout)
            throws IOException, InterruptedException {
        Path absolute = dataDir.toAbsolutePath();
        Path certsDir = absolute.resolveSibling(absolute.getFileName() + "-certs");
        List<String> args = new ArrayList<>(List.of("serve", "--data-dir", dataDir.toString(), "--http-port", "0",
                "--tls-port", "0", "--certs-dir", certsDir.toString()));
        if (storeSeed != null) {
            args.addAll(List.of("--store-seed", storeSeed));
        }
        Process process = run(jar, args.toArray(String[]::new));
        NodeProcess node = new NodeProcess(process, certsDir);
        try {
            CompletableFuture.allOf(node.url, node.networkUrl).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    /**
     * Where its network listener listens, {@code https://host:port} (the host is the machine's name, the port
     * the one it picked); empty when its settings turn the listener off.
     */
    public Optional<URI> networkUrl() {
        return Optional.ofNullable(networkUrl.join());
    }

    /**
     * The network listener's certificates, beside the data folder: the development set of the first start
     * ({@code ca.pem}, {@code admin.pem}, …).
     */
    public Path certsDir() {
        return certsDir;
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
                Matcher network = NETWORK.matcher(line);
                if (!networkUrl.isDone() && network.find()) {
                    networkUrl.complete(URI.create(network.group(1)));
                } else if (line.startsWith("No network listener")) {
                    networkUrl.complete(null);
                }
            }
        } catch (IOException e) {
            // The process is gone; the check below says so.
        }
        IOException exited = new IOException("the node exited with status " + exitStatus() + " before it was listening");
        url.completeExceptionally(exited);
        networkUrl.completeExceptionally(exited);
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
