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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal suite across the network: each terminal on a Vert.x of its own side (another
 * "machine"), through the node's event-bus bridge on the loopback listener, via a TCP proxy the test
 * can sever — a real network failure: the sockets close and new connections fail until it is
 * restored. The node itself keeps running meanwhile.
 */
@Timeout(60)
class RemoteTerminalTest implements TerminalContract {

    @TempDir
    Path dir;

    private ClientTestNode node;
    private Vertx terminalSide;
    private SeverableProxy proxy;
    private final List<WatchedTerminal> terminals = new ArrayList<>();

    @BeforeEach
    void startNode() throws Exception {
        node = ClientTestNode.start(dir, GAP_LIMIT);
        terminalSide = Vertx.vertx();
        proxy = SeverableProxy.start(terminalSide, node::port);
    }

    @Override
    public ClientTestNode node() {
        return node;
    }

    @Override
    public WatchedTerminal open(TerminalOptions options) {
        URI bridge = URI.create("ws://127.0.0.1:" + proxy.port() + "/eventbus/websocket");
        WatchedTerminal terminal = new WatchedTerminal(terminalSide.getOrCreateContext(),
                () -> Terminal.remote(terminalSide, bridge, BridgeOptions.defaults(), options));
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

    @Test
    void aTillAsTheDocsShowIt() throws Exception {
        BlockingQueue<String> screen = new LinkedBlockingQueue<>();
        URI bridge = URI.create("ws://127.0.0.1:" + proxy.port() + "/eventbus/websocket");
        Till till = new Till(vertx -> Terminal.remote(vertx, bridge, BridgeOptions.defaults(), TerminalOptions.defaults()),
                screen::add);
        String deployment = terminalSide.deployVerticle(till).await();
        try {
            TerminalContract.awaitLine(screen, "connection: ONLINE");
            String id = till.openTable("T1").await();
            TerminalContract.awaitLine(screen, "order " + id + ": TABLE_OPENED, total 0");
        } finally {
            terminalSide.undeploy(deployment).await();
        }
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
