package com.redcoral.edge.cli;

import com.redcoral.edge.node.EdgeNode;
import com.redcoral.edge.node.NodeConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: runs a node until it is stopped (Ctrl-C or SIGTERM stop it cleanly). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the edge node: the ledger, the event bus and the bridge.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file; overrides the bundled defaults key by key (default: conf/edge.json when present).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the ledger lives (default from the settings: data).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP and bridge port; 0 picks a free one.")
    Integer httpPort;

    @Option(names = "--tls-port", paramLabel = "N", description = "The network listener's (TLS) port; 0 picks a free one.")
    Integer tlsPort;

    @Option(names = "--certs-dir", paramLabel = "DIR", description = "The store CA and the node's certificate "
            + "(default from the settings: certs/dev; a first start makes development ones there).")
    Path certsDir;

    @Option(names = "--store-seed", paramLabel = "SEED", description = "What a new store starts with besides the "
            + "admin: `demo` for the bundled café, or a seed file (default from the settings: nothing).")
    String storeSeed;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            System.err.println("redcoral-edge: " + e.getMessage());
            return 2;
        }
        Vertx vertx = Vertx.vertx();
        EdgeNode node;
        try {
            node = EdgeNode.start(vertx, settings).await();
        } catch (Exception e) {
            System.err.println("redcoral-edge: the node could not start: " + e.getMessage());
            vertx.close().await();
            return 1;
        }
        System.out.println("RedCoral Edge listening on " + node.url() + " (bridge " + node.url()
                + "/eventbus, data in " + settings.dataDir().toAbsolutePath() + ")");
        node.networkUrl().ifPresentOrElse(url -> System.out.println("Network listener (TLS) on " + url + " (bridge "
                        + url + "/eventbus; terminals trust " + settings.tls().certsDir().resolve("ca.pem")
                        .toAbsolutePath() + " and log in with a certificate of that CA or a terminal token)"),
                () -> System.out.println("No network listener (tls.enabled is false)"));
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.stop().eventually(vertx::close).await();
            } catch (Exception e) {
                System.err.println("redcoral-edge: stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "redcoral-shutdown"));
        stopped.await();
        return 0;
    }

    private NodeConfig settings() {
        Path file = config != null ? config : Files.exists(Path.of("conf/edge.json")) ? Path.of("conf/edge.json") : null;
        NodeConfig settings = file == null ? NodeConfig.defaults() : NodeConfig.read(file);
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (httpPort != null) {
            settings = settings.withHttpPort(httpPort);
        }
        if (tlsPort != null || certsDir != null) {
            NodeConfig.Tls tls = settings.tls();
            settings = settings.withTls(new NodeConfig.Tls(tls.enabled(), tls.host(),
                    tlsPort != null ? tlsPort : tls.port(), certsDir != null ? certsDir : tls.certsDir(),
                    tls.allowedOrigins()));
        }
        if (storeSeed != null) {
            settings = settings.withStoreSeed(storeSeed);
        }
        return settings;
    }
}
