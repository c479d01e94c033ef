package com.redcoral.edge.node;

import com.redcoral.edge.ledger.Ledger;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.resource.SeedDirectory;
import com.redcoral.edge.resource.StoreDirectory;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One running edge node: opens and checks the ledger, then deploys its verticles — the HTTP
 * listener with the bridge first (health answers 503 until the rest is up), then the writer, the
 * broadcaster and command handling. {@link #stop()} undeploys them and closes the store.
 */
public final class EdgeNode {

    private final Vertx vertx;
    private final LedgerStore store;
    private final List<String> deployments;
    private final int port;
    private final String host;

    private EdgeNode(Vertx vertx, LedgerStore store, List<String> deployments, String host, int port) {
        this.vertx = vertx;
        this.store = store;
        this.deployments = deployments;
        this.host = host;
        this.port = port;
    }

    public static Future<EdgeNode> start(Vertx vertx, NodeConfig config) {
        return start(vertx, config, Clock.systemUTC(), UnaryOperator.identity());
    }

    /** With the clock and a wrapper around the opened store (tests use it to make the disk fail). */
    static Future<EdgeNode> start(Vertx vertx, NodeConfig config, Clock clock, UnaryOperator<LedgerStore> wrap) {
        registerCodecs(vertx.eventBus());
        List<String> deployed = new ArrayList<>();
        AtomicReference<LedgerStore> opened = new AtomicReference<>();
        HttpVerticle http = new HttpVerticle(config);
        return deploy(vertx, http, new DeploymentOptions(), deployed)
                .compose(id -> vertx.executeBlocking(() -> {
                    StoreDirectory directory = readSeed(config);
                    opened.set(openChecked(config)); // known before wrapping, so a failure closes it
                    opened.set(wrap.apply(opened.get()));
                    return directory;
                }))
                .compose(directory -> {
                    LedgerStore store = opened.get();
                    return deploy(vertx, new LedgerWriterVerticle(store), new DeploymentOptions(), deployed)
                            .compose(id -> deploy(vertx, new BroadcastVerticle(store, config.sync().gapLimit()),
                                    new DeploymentOptions(), deployed))
                            .compose(id -> deploy(vertx, new CommandVerticle(() -> new Ledger(store, directory,
                                    () -> UUID.randomUUID().toString()), clock),
                                    new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER), deployed))
                            .map(id -> new EdgeNode(vertx, store, deployed, config.http().host(), http.port()));
                })
                .recover(error -> undeploy(vertx, deployed)
                        .eventually(() -> close(vertx, opened.get()))
                        .transform(done -> Future.failedFuture(error)));
    }

    public int port() {
        return port;
    }

    /** The base URL of the HTTP listener, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + host + ":" + port;
    }

    public Future<Void> stop() {
        return undeploy(vertx, deployments).compose(done -> close(vertx, store));
    }

    /** Closes the store on a worker, once nothing reads it any more; nothing to do when it was never opened. */
    private static Future<Void> close(Vertx vertx, LedgerStore store) {
        return store == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            store.close();
            return null;
        });
    }

    private static LedgerStore openChecked(NodeConfig config) {
        LedgerStore store = RocksLedgerStore.open(config.dataDir());
        List<LedgerVerifier.Problem> problems;
        try {
            problems = LedgerVerifier.quickCheck(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (!problems.isEmpty()) {
            store.close();
            throw new IllegalStateException("the ledger in " + config.dataDir() + " does not check out; run "
                    + "`verify --data-dir " + config.dataDir() + "` for the full report:\n  "
                    + problems.stream().map(LedgerVerifier.Problem::toString).collect(Collectors.joining("\n  ")));
        }
        return store;
    }

    private static StoreDirectory readSeed(NodeConfig config) {
        String source = config.storeSeed() == null ? "(bundled development café)" : config.storeSeed().toString();
        try (InputStream in = config.storeSeed() == null ? EdgeNode.class.getResourceAsStream("/conf/store-seed.json")
                : Files.newInputStream(config.storeSeed())) {
            if (in == null) {
                throw new IllegalStateException("the bundled store seed is missing from the build");
            }
            return SeedDirectory.read(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store seed " + source, e);
        }
    }

    private static Future<String> deploy(Vertx vertx, Deployable verticle, DeploymentOptions options,
                                         List<String> deployed) {
        return vertx.deployVerticle(verticle, options).onSuccess(deployed::add);
    }

    private static Future<Void> undeploy(Vertx vertx, List<String> deployed) {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployed.size() - 1; i >= 0; i--) {
            String id = deployed.get(i);
            chain = chain.eventually(() -> vertx.undeploy(id));
        }
        return chain;
    }

    /** Java records between verticles travel as they are (see {@link LocalCodec}). */
    private static void registerCodecs(EventBus bus) {
        synchronized (EdgeNode.class) {
            try {
                bus.registerCodec(new LocalCodec());
                bus.registerCodec(new SharedJsonCodec());
            } catch (IllegalStateException alreadyRegistered) {
                return; // a second node on the same Vert.x instance (tests)
            }
            bus.codecSelector(body -> body instanceof Record ? LocalCodec.NAME : null);
        }
    }
}
