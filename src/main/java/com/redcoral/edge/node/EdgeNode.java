package com.redcoral.edge.node;

import com.redcoral.edge.access.CredentialBook;
import com.redcoral.edge.access.Credentials;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.kitchen.KitchenStore;
import com.redcoral.edge.ledger.Ledger;
import com.redcoral.edge.ledger.LedgerStore;
import com.redcoral.edge.ledger.LedgerVerifier;
import com.redcoral.edge.ledger.RocksKitchenStore;
import com.redcoral.edge.ledger.RocksLedgerStore;
import com.redcoral.edge.resource.PinGuard;
import com.redcoral.edge.resource.PinHash;
import com.redcoral.edge.resource.ResourceBook;
import com.redcoral.edge.resource.ResourceStore;
import com.redcoral.edge.resource.StoreSeed;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One running edge node: opens and checks the ledger and the resources (bootstrapping a new store),
 * then deploys its verticles — the loopback listener with the bridge first (health answers 503 until the
 * rest is up), then the writer, the broadcaster, the resources, operator sign-in, the credentials, the connections, the
 * kitchen, the admin's checks and backups and command handling, and last the network listener (TLS), so
 * terminals across the network find a node that is ready. A first start with TLS makes development
 * certificates. Each start has a new resource epoch. {@link #stop()} undeploys them and closes the store.
 */
public final class EdgeNode {

    /** The environment variable with the PIN of a new store's {@code admin}. */
    public static final String BOOTSTRAP_PIN = "REDCORAL_BOOTSTRAP_PIN";
    private static final System.Logger LOG = System.getLogger(EdgeNode.class.getName());

    private final Vertx vertx;
    private final LedgerStore store;
    private final List<String> deployments;
    private final int port;
    private final String host;
    private final CredentialBook credentials;
    private final String networkUrl;

    private EdgeNode(Vertx vertx, LedgerStore store, CredentialBook credentials, List<String> deployments, String host,
                     int port, String networkUrl) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.store = store;
        this.deployments = deployments;
        this.host = host;
        this.port = port;
        this.networkUrl = networkUrl;
    }

    public static Future<EdgeNode> start(Vertx vertx, NodeConfig config) {
        return start(vertx, config, Hooks.NONE);
    }

    /**
     * What tests change about a node: the clock, wrappers around the opened stores (to hold or fail
     * writes) and the environment ({@value #BOOTSTRAP_PIN} is read from it).
     */
    record Hooks(Clock clock, UnaryOperator<LedgerStore> ledger, UnaryOperator<ResourceStore> resources,
                 Function<String, String> env, UnaryOperator<KitchenStore> kitchen) {
        static final Hooks NONE = new Hooks(Clock.systemUTC(), UnaryOperator.identity(), UnaryOperator.identity(),
                System::getenv);

        /** The kitchen's store as it is. */
        Hooks(Clock clock, UnaryOperator<LedgerStore> ledger, UnaryOperator<ResourceStore> resources,
              Function<String, String> env) {
            this(clock, ledger, resources, env, UnaryOperator.identity());
        }

        Hooks withKitchen(UnaryOperator<KitchenStore> wrap) {
            return new Hooks(clock, ledger, resources, env, wrap);
        }

        Hooks withLedger(UnaryOperator<LedgerStore> wrap) {
            return new Hooks(clock, wrap, resources, env, kitchen);
        }

        Hooks withResources(UnaryOperator<ResourceStore> wrap) {
            return new Hooks(clock, ledger, wrap, env, kitchen);
        }

        Hooks withEnv(Function<String, String> environment) {
            return new Hooks(clock, ledger, resources, environment, kitchen);
        }
    }

    /** What the blocking part of a start opened; {@code network} is null when the settings turn TLS off. */
    private record Stores(LedgerStore ledger, ResourceBook resources, CredentialBook credentials,
                          KitchenStore kitchen, HttpVerticle.Listener network) {}

    /**
     * The threads PIN checks run on (~0.1 s each, by design). Few and apart from Vert.x's worker pool,
     * so a burst of PINs never holds up the writer's fsyncs, and at most this many guesses are under
     * way when {@link PinGuard} locks a PIN. Shared by name; each user closes its own reference.
     */
    static WorkerExecutor pinWorkers(Vertx vertx) {
        return vertx.createSharedWorkerExecutor("redcoral-pin-checks", 2);
    }

    static Future<EdgeNode> start(Vertx vertx, NodeConfig config, Hooks hooks) {
        Clock clock = hooks.clock();
        registerCodecs(vertx.eventBus());
        List<String> deployed = new ArrayList<>();
        AtomicReference<RocksLedgerStore> opened = new AtomicReference<>();
        AtomicReference<CredentialBook> credentials = new AtomicReference<>();
        BridgeConnections connections = new BridgeConnections(config.bridge().maxConnectionsPerIdentity());
        Optional<WebPages> pages = WebPages.load();
        HttpVerticle http = new HttpVerticle(config, HttpVerticle.loopback(config), connections, pages);
        DevelopmentCertificates certs = new DevelopmentCertificates(config.tls().certsDir());
        AtomicReference<HttpVerticle> network = new AtomicReference<>();
        String epoch = UUID.randomUUID().toString();
        return deploy(vertx, http, new DeploymentOptions(), deployed)
                .compose(id -> vertx.executeBlocking(() -> {
                    if (config.tls().enabled()) {
                        prepareCertificates(certs, config, clock);
                    }
                    StoreSeed seed = readSeed(config);
                    opened.set(openChecked(config)); // known before wrapping, so a failure closes it
                    ResourceBook resources = new ResourceBook(hooks.resources().apply(opened.get().resources()),
                            config.resources().changesKept(),
                            new PinGuard(new PinGuard.Policy(config.pins().maxFailures(),
                                    Duration.ofMillis(config.pins().lockoutMs())), clock::millis));
                    bootstrap(resources, seed, clock, hooks.env());
                    credentials.set(new CredentialBook(opened.get().credentials()));
                    return new Stores(hooks.ledger().apply(opened.get()), resources, credentials.get(),
                            hooks.kitchen().apply(new RocksKitchenStore(opened.get())), config.tls().enabled()
                                    ? HttpVerticle.network(config, certs, credentials.get()) : null);
                }))
                .compose(stores -> deploy(vertx, new LedgerWriterVerticle(stores.ledger()), new DeploymentOptions(),
                        deployed)
                        .compose(id -> deploy(vertx, new BroadcastVerticle(stores.ledger(), config.sync().gapLimit()),
                                new DeploymentOptions(), deployed))
                        .compose(id -> deploy(vertx, new ResourceVerticle(stores.resources(), epoch, clock),
                                new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER), deployed))
                        .compose(id -> deploy(vertx, new OperatorVerticle(stores.resources()), new DeploymentOptions(),
                                deployed))
                        .compose(id -> deploy(vertx, new CredentialVerticle(stores.credentials(), stores.resources(),
                                clock), new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER), deployed))
                        .compose(id -> deploy(vertx, new ConnectionVerticle(connections, stores.credentials(),
                                config.bridge().maxConnectionsPerIdentity()), new DeploymentOptions(), deployed))
                        .compose(id -> deploy(vertx, new AdminVerticle(opened.get(), config.dataDir()),
                                new DeploymentOptions(), deployed))
                        .compose(id -> deploy(vertx, new KitchenVerticle(stores.ledger(), stores.kitchen(),
                                stores.resources(), config.kitchen().policy(), clock),
                                new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER), deployed))
                        .compose(id -> deploy(vertx, new CommandVerticle(() -> new Ledger(stores.ledger(),
                                stores.resources().directory(), () -> UUID.randomUUID().toString()), clock),
                                new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER), deployed))
                        .compose(id -> {
                            if (stores.network() == null) {
                                return Future.succeededFuture(id);
                            }
                            network.set(new HttpVerticle(config, stores.network(), connections, pages));
                            return deploy(vertx, network.get(), new DeploymentOptions(), deployed);
                        }))
                .map(id -> new EdgeNode(vertx, opened.get(), credentials.get(), deployed, config.http().host(),
                        http.port(), network.get() == null ? null
                                : "https://" + urlHost(config.tls().host()) + ":" + network.get().port()))
                .recover(error -> undeploy(vertx, deployed)
                        .eventually(() -> close(vertx, opened.get()))
                        .transform(done -> Future.failedFuture(error)));
    }

    /**
     * The network listener's certificates: development ones made on a first start (no {@code ca.pem} in
     * {@code tls.certs_dir}), said in the log with where they are.
     */
    private static void prepareCertificates(DevelopmentCertificates certs, NodeConfig config, Clock clock) {
        if (certs.prepare(config.tls().host(), clock.instant())) {
            LOG.log(System.Logger.Level.WARNING, "No store CA in " + certs.dir().toAbsolutePath() + ": made "
                    + "development certificates there: ca.pem (the store CA, for terminals to trust), node.pem "
                    + "and node.key (this node, for " + String.join(", ", DevelopmentCertificates.hostNames(
                    config.tls().host())) + "), admin.pem and admin.key (a client certificate for the admin CLI). "
                    + "For a real store, make them with certs/make-certs (see certs/README.md).");
        }
    }

    /** A host as a URL names it: the machine's name for a wildcard address, IPv6 in brackets. */
    private static String urlHost(String host) {
        if (HttpVerticle.wildcard(host)) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "localhost";
            }
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The store's terminal tokens and revoked certificates, as the listeners check them. */
    public Credentials credentials() {
        return credentials;
    }

    public int port() {
        return port;
    }

    /** The base URL of the loopback listener, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + host + ":" + port;
    }

    /**
     * The base URL of the network listener, e.g. {@code https://till-host:8443} (the machine's name when it
     * listens on every address); empty when {@code tls.enabled} is false.
     */
    public Optional<String> networkUrl() {
        return Optional.ofNullable(networkUrl);
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

    private static RocksLedgerStore openChecked(NodeConfig config) {
        RocksLedgerStore store = RocksLedgerStore.open(config.dataDir());
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

    /**
     * A store that has never held anything gets the admin role and employee (PROTOCOL.md §5) and the
     * seed. The admin's PIN is {@value #BOOTSTRAP_PIN}, or else a random one, written to the log this
     * once: it is the only way into a new store.
     */
    private static void bootstrap(ResourceBook resources, StoreSeed seed, Clock clock, Function<String, String> env) {
        String given = env.apply(BOOTSTRAP_PIN);
        if (given != null && !given.matches("\\d{4,8}")) {
            throw new IllegalArgumentException(BOOTSTRAP_PIN + " must be 4 to 8 digits");
        }
        String pin = given != null ? given : randomPin();
        if (!resources.bootstrap(() -> PinHash.hash(pin), seed, clock.millis())) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, given != null
                ? "A new store: the employee `admin` has the PIN given in " + BOOTSTRAP_PIN + "."
                : "A new store: the employee `admin` has the PIN " + pin + " (random, because " + BOOTSTRAP_PIN
                        + " was not set). It is shown only this once; change it.");
        if (!seed.entries().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Seeded the new store with " + seed.counts());
        }
    }

    private static String randomPin() {
        return String.format("%06d", new SecureRandom().nextInt(1_000_000));
    }

    private static StoreSeed readSeed(NodeConfig config) {
        if (config.storeSeed() == null) {
            return StoreSeed.NONE;
        }
        boolean demo = NodeConfig.DEMO_SEED.equals(config.storeSeed());
        String source = demo ? "(bundled development café)" : config.storeSeed();
        try (InputStream in = demo ? EdgeNode.class.getResourceAsStream("/conf/store-seed.json")
                : Files.newInputStream(Path.of(config.storeSeed()))) {
            if (in == null) {
                throw new IllegalStateException("the bundled store seed is missing from the build");
            }
            return StoreSeed.read(in, source);
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
