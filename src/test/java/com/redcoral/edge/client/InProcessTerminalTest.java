package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.node.ClientTestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal suite over the node's event bus, in the node's JVM. Losing the node is what it is
 * here: the node stops (its verticles undeployed, its store closed) and starts again in the same
 * Vert.x on the same data folder. The terminal finds it gone by its heartbeat ({@code NO_HANDLERS})
 * and back by probing.
 */
@Timeout(60)
class InProcessTerminalTest implements TerminalContract {

    @TempDir
    Path dir;

    private ClientTestNode node;
    private final List<WatchedTerminal> terminals = new ArrayList<>();

    @BeforeEach
    void startNode() throws Exception {
        node = ClientTestNode.start(dir, GAP_LIMIT);
    }

    @Override
    public ClientTestNode node() {
        return node;
    }

    @Override
    public WatchedTerminal open(TerminalOptions options) {
        WatchedTerminal terminal = new WatchedTerminal(node.vertx().getOrCreateContext(),
                () -> Terminal.inProcess(node.vertx(), options));
        terminals.add(terminal);
        return terminal;
    }

    @Override
    public List<WatchedTerminal> opened() {
        return terminals;
    }

    @Override
    public void cutOff() {
        node.stop();
    }

    @Override
    public void restore() {
        node.start();
    }

    @Test
    void aTillAsTheDocsShowIt() throws Exception {
        BlockingQueue<String> screen = new LinkedBlockingQueue<>();
        Till till = new Till(vertx -> Terminal.inProcess(vertx, TerminalOptions.defaults()), screen::add);
        String deployment = node.vertx().deployVerticle(till).await();
        try {
            TerminalContract.awaitLine(screen, "connection: ONLINE");
            String id = till.openTable("T1").await();
            TerminalContract.awaitLine(screen, "order " + id + ": TABLE_OPENED, total 0");
        } finally {
            node.vertx().undeploy(deployment).await();
        }
    }

    @Override
    public void closeAll() {
        try {
            terminals.forEach(t -> t.terminal.close().await());
        } finally {
            node.close();
        }
    }

    @Test
    void aTerminalIsMadeOnTheContextThatOwnsIt() {
        assertThatThrownBy(() -> Terminal.inProcess(node.vertx(), QUICK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on a context");
    }
}
