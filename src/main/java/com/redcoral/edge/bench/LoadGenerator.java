package com.redcoral.edge.bench;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * Runs a {@link LoadProfile} against a node's bridge and reports what it measured.
 *
 * <p>Every till connects and registers for events first; then the clock starts. The warm-up counts
 * nothing. The node's counters ({@code pos.node.status}) are read over a connection of their own
 * at the start and at the end of the measured window, so group commits and the commands they
 * carried are counted over the same window as the ACKs. After the window, tills send nothing new
 * and wait for the answers still owed, which still count for latency.
 */
public final class LoadGenerator {

    private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final URI bridge;
    private final LoadProfile profile;
    private final BridgeOptions options;

    /** {@code options} carry TLS for a {@code wss} bridge; their in-flight limit is the profile's. */
    public LoadGenerator(Vertx vertx, URI bridge, LoadProfile profile, BridgeOptions options) {
        this.vertx = vertx;
        this.bridge = bridge;
        this.profile = profile;
        this.options = options.withMaxPendingRequests(profile.maxInFlight());
    }

    public LoadGenerator(Vertx vertx, URI bridge, LoadProfile profile) {
        this(vertx, bridge, profile, BridgeOptions.defaults());
    }

    public Future<BenchReport> run() {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        List<Terminal> terminals = IntStream.range(0, profile.terminals())
                .mapToObj(i -> new Terminal(i, runId, bridge, options, profile))
                .toList();
        List<String> deployments = new CopyOnWriteArrayList<>();
        return Future.join(terminals.stream().map(t -> vertx.deployVerticle(t).onSuccess(deployments::add)).toList())
                .compose(connected -> BridgeConnection.connect(vertx, bridge, options))
                .compose(probe -> measure(probe, terminals).eventually(probe::close))
                .eventually(() -> Future.join(deployments.stream().map(vertx::undeploy).toList()));
    }

    private Future<BenchReport> measure(BridgeConnection probe, List<Terminal> terminals) {
        long origin = System.nanoTime();
        Window window = new Window(origin, origin + profile.warmup().toNanos(),
                origin + profile.warmup().toNanos() + profile.duration().toNanos());
        terminals.forEach(t -> t.begin(window));
        Future<JsonObject> before = vertx.timer(Math.max(1, profile.warmup().toMillis()))
                .compose(v -> status(probe));
        Future<JsonObject> after = vertx.timer(profile.warmup().plus(profile.duration()).toMillis())
                .compose(v -> status(probe));
        return Future.all(before, after)
                .compose(v -> Future.all(terminals.stream().map(Terminal::finish).toList()))
                .map(finished -> BenchReport.of(profile, window, finished.<Terminal.Result>list(),
                        before.result(), after.result()));
    }

    /** The node's counters, or {@code null} when it does not say (the report then omits them). */
    private Future<JsonObject> status(BridgeConnection probe) {
        return probe.request(Addresses.NODE_STATUS, new JsonObject(), STATUS_TIMEOUT).otherwiseEmpty();
    }
}
