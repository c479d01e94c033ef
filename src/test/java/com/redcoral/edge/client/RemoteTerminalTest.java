package com.redcoral.edge.client;

import com.redcoral.edge.node.ClientTestNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal suite across the network, through the bridge of the node's loopback listener
 * ({@code ws://}, where every socket has the listener's one identity): see {@link RemoteTerminalSuite}.
 * {@link CertificateTerminalTest} and {@link TokenTerminalTest} run it on the network listener.
 */
@Timeout(60)
class RemoteTerminalTest extends RemoteTerminalSuite {

    @Override
    ClientTestNode startNode(Path dir) throws Exception {
        return ClientTestNode.start(dir, GAP_LIMIT);
    }

    @Override
    int listenerPort() {
        return node.port();
    }

    @Override
    URI bridge(int proxyPort) {
        return URI.create("ws://127.0.0.1:" + proxyPort + "/eventbus/websocket");
    }

    @Override
    BridgeOptions bridgeOptions(String name) {
        return BridgeOptions.defaults();
    }

    @Test
    void aTillAsTheDocsShowIt() throws Exception {
        BlockingQueue<String> screen = new LinkedBlockingQueue<>();
        URI bridge = bridge(proxy.port());
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
}
