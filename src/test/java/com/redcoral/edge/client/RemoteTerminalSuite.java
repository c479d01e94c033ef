package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal suite across the network: each terminal on a Vert.x of its own side (another
 * "machine"), through one of the node's listeners via a TCP proxy the test can sever — a real network
 * failure: the sockets close and new connections fail until it is restored. The node itself keeps
 * running meanwhile. A subclass says which listener, and what each terminal presents to it.
 */
abstract class RemoteTerminalSuite implements TerminalContract {

    @TempDir
    Path dir;

    ClientTestNode node;
    Vertx terminalSide;
    SeverableProxy proxy;
    private final List<WatchedTerminal> terminals = new ArrayList<>();
    private int named;

    /** The node, started on a new store in {@code dir} with {@link #GAP_LIMIT}. */
    abstract ClientTestNode startNode(Path dir) throws Exception;

    /** The node's port the proxy forwards to: the listener this transport uses (asked anew for each connection). */
    abstract int listenerPort();

    /** The bridge's URI through the proxy on {@code proxyPort}. */
    abstract URI bridge(int proxyPort);

    /** How the terminal called {@code name} talks to the bridge: TLS trust and its credential, if any. */
    abstract BridgeOptions bridgeOptions(String name);

    @BeforeEach
    void startNode() throws Exception {
        node = startNode(dir);
        terminalSide = Vertx.vertx();
        proxy = SeverableProxy.start(terminalSide, this::listenerPort);
    }

    @Override
    public ClientTestNode node() {
        return node;
    }

    /** A terminal named {@code till-1}, {@code till-2}, … in the order of the scenario. */
    @Override
    public WatchedTerminal open(TerminalOptions options) {
        return open(options, "till-" + ++named);
    }

    /** A terminal called {@code name}: the credential of that name (made the first time it is asked for). */
    WatchedTerminal open(TerminalOptions options, String name) {
        URI bridge = bridge(proxy.port());
        BridgeOptions bridgeOptions = bridgeOptions(name);
        WatchedTerminal terminal = new WatchedTerminal(terminalSide.getOrCreateContext(),
                () -> Terminal.remote(terminalSide, bridge, bridgeOptions, options));
        terminals.add(terminal);
        return terminal;
    }

    @Override
    public List<WatchedTerminal> opened() {
        return terminals;
    }

    @Override
    public void cutOff() {
        proxy.sever();
    }

    @Override
    public void restore() {
        proxy.restore();
    }

    @Test
    void aConnectionThatGoesSilentIsGivenUpByTheHeartbeatAndMadeAgain() throws Exception {
        WatchedTerminal a = open(QUICK.withRequestTimeout(Duration.ofMillis(500))).awaitState(Terminal.State.ONLINE);
        long losses = a.stats().losses();

        proxy.freeze(); // no socket closes: only the missing answer to a heartbeat can tell
        a.await(() -> a.terminal.stats().losses() > losses && a.terminal.state() == Terminal.State.ONLINE,
                "online again on a new connection");

        assertThat(a.terminal.lastFailure()).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("did not answer the heartbeat").hasRootCauseInstanceOf(ReplyException.class));
        String id = a.terminal.send(ClientTestNode.openTable("T1")).await().orderId();
        a.awaitSequence(node.serverSequence());
        assertThat(a.terminal.orders().order(id)).isPresent();
    }

    @Override
    public void closeAll() {
        try {
            terminals.forEach(t -> t.terminal.close().await());
            proxy.close();
            terminalSide.close().await();
        } finally {
            node.close();
        }
    }
}
