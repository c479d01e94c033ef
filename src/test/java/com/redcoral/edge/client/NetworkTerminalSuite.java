package com.redcoral.edge.client;

import static com.redcoral.edge.client.WatchedTerminal.failure;
import static com.redcoral.edge.node.ClientTestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.client.Terminal.State;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The terminal suite on the node's network listener — {@code wss://}, TLS end to end through the proxy,
 * trusting the store CA — each terminal with a credential of its own and the role {@code terminal}: so
 * every scenario also shows that the role lets through everything a {@link Terminal} uses. A subclass
 * says which credential (a client certificate, a token). Added here: who the node takes a terminal for.
 */
abstract class NetworkTerminalSuite extends RemoteTerminalSuite {

    /** The credential of the terminal called {@code name}, made the first time: {@code options} presenting it. */
    abstract BridgeOptions withCredential(BridgeOptions options, String name);

    /** How the node names the credential's kind in {@code pos.auth.identity}: {@code certificate}, {@code token}. */
    abstract String source();

    @Override
    ClientTestNode startNode(Path dir) throws Exception {
        return ClientTestNode.networked(dir, GAP_LIMIT);
    }

    @Override
    int listenerPort() {
        return node.tlsPort();
    }

    @Override
    URI bridge(int proxyPort) {
        // The node's certificate names 127.0.0.1: the proxy's address is checked against it as the node's.
        return URI.create("wss://127.0.0.1:" + proxyPort + "/eventbus/websocket");
    }

    /** The node's certificates: the store CA ({@code ca.pem}, {@code ca.key}) that terminals trust and that signs theirs. */
    DevelopmentCertificates certificates() {
        return new DevelopmentCertificates(node.certsDir());
    }

    @Override
    BridgeOptions bridgeOptions(String name) {
        return withCredential(BridgeOptions.defaults().withTrust(certificates().caPem()), name);
    }

    @Test
    void theNodeKnowsEachTerminalByItsCredentialAsATerminalAndNoMore() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);

        assertThat(a.terminal.request(Addresses.AUTH_IDENTITY, new JsonObject()).await())
                .isEqualTo(new JsonObject().put("success", true).put("name", "till-1").put("role", "terminal")
                        .putNull("destination_id").put("source", source()));
        JsonObject listed = node.request(Addresses.ADMIN_CONNECTIONS, new JsonObject());
        assertThat(listed.getJsonArray("connections").stream().map(JsonObject.class::cast))
                .anySatisfy(c -> assertThat(c.getString("name") + " " + c.getString("role") + " "
                        + c.getString("listener")).isEqualTo("till-1 terminal network"));
        // An admin's address is refused by the bridge, and the terminal carries on.
        Throwable refused = failure(a.terminal.request(Addresses.ADMIN_CONNECTIONS, new JsonObject()));
        assertThat(refused).isInstanceOfSatisfying(BridgeRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo("rejected"));
        assertThat(a.terminal.send(openTable("T1")).await().success()).isTrue();
        assertThat(a.terminal.state()).isEqualTo(State.ONLINE);
    }
}
