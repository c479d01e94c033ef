package com.redcoral.edge.node;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link TestNode} for tests in other packages (the terminal library's, the admin CLI's): the same node
 * and seed, with just what they use made public. TestNode itself stays package-private, so its hooks and
 * internals are not reachable from there.
 */
public final class ClientTestNode implements AutoCloseable {

    public static final String MANAGER_PIN = TestNode.MANAGER_PIN;
    public static final String CASHIER_PIN = TestNode.CASHIER_PIN;

    private final TestNode node;
    /** Read by proxies on other threads while the node restarts. */
    private volatile int port;
    private volatile int tlsPort;

    private ClientTestNode(TestNode node) {
        this.node = node;
        ports();
    }

    /** A node on a new store in {@code dir}, started, answering sync incrementally within {@code gapLimit} events. */
    public static ClientTestNode start(Path dir, int gapLimit) throws IOException {
        return new ClientTestNode(new TestNode(dir, gapLimit).start());
    }

    /**
     * A node on a new store in {@code dir}, started, that also listens on the network ({@link TestNode#networked}:
     * TLS on 127.0.0.1, a free port), with the development certificates its first start makes in
     * {@link #certsDir()}.
     */
    public static ClientTestNode networked(Path dir) throws IOException {
        return new ClientTestNode(TestNode.networked(dir, NodeConfig.defaults().bridge(), List.of()).start());
    }

    /** {@link #networked(Path)}, answering sync incrementally within {@code gapLimit} events. */
    public static ClientTestNode networked(Path dir, int gapLimit) throws IOException {
        return new ClientTestNode(TestNode.networked(dir, gapLimit, NodeConfig.defaults().bridge(), List.of()).start());
    }

    /**
     * As {@link #networked(Path)}, and pages of {@code allowedOrigins} may use the bridge on both listeners
     * ({@code tls.allowed_origins}): a browser that reaches the node through a proxy is such a page.
     */
    public static ClientTestNode networked(Path dir, List<String> allowedOrigins) throws IOException {
        return new ClientTestNode(TestNode.networked(dir, NodeConfig.defaults().bridge(), allowedOrigins).start());
    }

    /** The network listener, {@code https://127.0.0.1:PORT}. */
    public URI networkUrl() {
        return URI.create(node.node.networkUrl().orElseThrow(() -> new IllegalStateException("not networked")));
    }

    /** The network listener's certificates ({@code tls.certs_dir}): {@code ca.pem}, {@code ca.key}, {@code admin.pem}, … */
    public Path certsDir() {
        return node.config.tls().certsDir();
    }

    /** The node's Vert.x: an in-process terminal lives on it. */
    public Vertx vertx() {
        return node.vertx;
    }

    /** The loopback listener's port; a new one after every start (it listens on port 0). */
    public int port() {
        return port;
    }

    /** The network listener's port, for a {@link #networked} node; a new one after every start (it listens on port 0). */
    public int tlsPort() {
        if (tlsPort == 0) {
            throw new IllegalStateException("the node does not listen on the network");
        }
        return tlsPort;
    }

    /** Undeploys the node's verticles and closes its store; the Vert.x stays. */
    public void stop() {
        node.node.stop().await();
    }

    /** Starts the node again on the same data folder (a new epoch, new ports). */
    public void start() {
        node.start();
        ports();
    }

    /** Stops and starts the node. */
    public void restart() {
        node.restart();
        ports();
    }

    private void ports() {
        port = node.node.port();
        tlsPort = node.node.networkUrl().map(url -> URI.create(url).getPort()).orElse(0);
    }

    /** Sends a command straight to the node's bus (not through a terminal); its CommandResponse. */
    public JsonObject send(JsonObject command) {
        return node.send(command);
    }

    /** A request on the node's bus, as a caller in its JVM (role admin): {@code pos.admin.tokens.issue}, … */
    public JsonObject request(String address, JsonObject body) {
        return node.request(address, body);
    }

    /** A ResourceCommand of the bootstrapped admin, carried out; its ResourceResponse. */
    public JsonObject changeResource(String action, String type, String id, JsonObject data) {
        return node.changeResource(TestNode.resource(action, type, id, data));
    }

    /** The node's {@code server_sequence} now. */
    public long serverSequence() {
        return node.status().getLong("server_sequence");
    }

    /** A command of the cashier {@code emp_01} with a new command id, as a bridge client sends it. */
    public static JsonObject command(String type, JsonObject payload) {
        return TestNode.command(type, payload);
    }

    public static JsonObject openTable(String tableId) {
        return TestNode.openTable(tableId);
    }

    public static JsonObject addItems(String orderId, String productId, int quantity) {
        return TestNode.addItems(orderId, productId, quantity);
    }

    /** The command with the manager's approval. */
    public static JsonObject approved(JsonObject command) {
        return TestNode.approved(command);
    }

    @Override
    public void close() {
        node.close();
    }
}
