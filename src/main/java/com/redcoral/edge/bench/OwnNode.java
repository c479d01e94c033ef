package com.redcoral.edge.bench;

import com.redcoral.edge.node.NodeConfig;
import com.redcoral.edge.node.NodeProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;

/**
 * The node a bench starts for itself when given no {@code --url}: the jar the bench runs from, on a
 * fresh temporary data folder, in a process of its own so the load does not share its JVM. Closing
 * it stops the node and deletes the folder, also when the bench fails.
 */
final class OwnNode implements AutoCloseable {

    private final NodeProcess process;
    private final Path dataDir;

    private OwnNode(NodeProcess process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
    }

    static OwnNode start() throws IOException, InterruptedException {
        Path jar = runningJar();
        Path dataDir = Files.createTempDirectory("redcoral-bench-");
        try {
            return new OwnNode(NodeProcess.start(jar, dataDir, NodeConfig.DEMO_SEED, Duration.ofSeconds(60)), dataDir);
        } catch (IOException | InterruptedException | RuntimeException e) {
            Folders.delete(dataDir);
            throw e;
        }
    }

    URI url() {
        return process.url();
    }

    @Override
    public void close() {
        process.close();
        Folders.delete(dataDir);
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
