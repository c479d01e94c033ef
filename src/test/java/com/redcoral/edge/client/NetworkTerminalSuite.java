package com.redcoral.edge.client;

import static com.redcoral.edge.client.WatchedTerminal.failure;
import static com.redcoral.edge.node.ClientTestNode.addItems;
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
 * says which credential (a client certificate, a token). Added here: who the node takes a terminal for,
 * and a credential the node refuses, at the start or while the terminal is online.
 */
abstract class NetworkTerminalSuite extends RemoteTerminalSuite {

    /** The credential of the terminal called {@code name}, made the first time: {@code options} presenting it. */
    abstract BridgeOptions withCredential(BridgeOptions options, String name);

    /** Revokes the credential of {@code name} on the node. */
    abstract void revoke(String name);

    /** How the node names the credential's kind in {@code pos.auth.identity}: {@code certificate}, {@code token}. */
    abstract String source();

    /** How a refused credential's reason starts when a terminal comes with it: the node's error code. */
    abstract String refusedAtTheStart();

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
        assertThat(refused).isInstanceOfSatisfying(BridgeRefusedException.class, e -> {
            assertThat(e.reason()).isEqualTo("rejected");
            assertThat(e.credentialRefused()).isFalse();
        });
        assertThat(a.terminal.send(openTable("T1")).await().success()).isTrue();
        assertThat(a.terminal.state()).isEqualTo(State.ONLINE);
    }

    @Test
    void aCredentialRevokedWhileOnlineEndsTheTerminalWithThatReason() throws Exception {
        WatchedTerminal a = open(QUICK).awaitState(State.ONLINE);
        String id = a.terminal.send(openTable("T1")).await().orderId();

        revoke("till-1");
        a.awaitState(State.REFUSED);

        assertThat(a.terminal.lastFailure()).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(BridgeRefusedException.class, refusal -> {
                    assertThat(refusal.reason()).isEqualTo("credential_revoked");
                    assertThat(refusal.credentialRefused()).isTrue();
                }));
        assertRefusedForGood(a, id);
    }

    @Test
    void aCredentialTheNodeRefusesLeavesANewTerminalRefused() throws Exception {
        String id = node.send(openTable("T1")).getString("order_id");
        bridgeOptions("till-gone"); // makes its credential
        revoke("till-gone");

        WatchedTerminal a = open(QUICK, "till-gone").awaitState(State.REFUSED);

        assertThat(a.terminal.lastFailure()).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOfSatisfying(BridgeRefusedException.class, refusal -> {
                    assertThat(refusal.reason()).startsWith(refusedAtTheStart());
                    assertThat(refusal.credentialRefused()).isTrue();
                }));
        assertRefusedForGood(a, id);
    }

    /**
     * A refused terminal refuses requests (saying why), never comes online, and does not try again — not by
     * itself, not when asked — while another till of the store, with its own credential, works meanwhile;
     * closing it is all that is left.
     */
    void assertRefusedForGood(WatchedTerminal a, String orderId) throws Exception {
        Throwable refused = failure(a.terminal.send(addItems(orderId, "cola", 1)));
        assertThat(refused).isInstanceOfSatisfying(TerminalOfflineException.class,
                e -> assertThat(e.state()).isEqualTo(State.REFUSED))
                .hasMessageContaining("refused its credential").hasCause(a.terminal.lastFailure().orElseThrow());
        assertThat(failure(a.terminal.whenOnline())).isInstanceOfSatisfying(TerminalOfflineException.class,
                e -> assertThat(e.state()).isEqualTo(State.REFUSED));
        a.terminal.reconnectNow();
        int connections = proxy.accepted();

        WatchedTerminal other = open(QUICK).awaitState(State.ONLINE);
        assertThat(other.terminal.send(addItems(orderId, "cola", 1)).await().success()).isTrue();
        other.awaitSequence(node.serverSequence());

        assertThat(proxy.accepted()).as("the other till's connection only").isEqualTo(connections + 1);
        assertThat(a.terminal.state()).isEqualTo(State.REFUSED);
        assertThat(a.states.stream().dropWhile(s -> s != State.REFUSED)).containsExactly(State.REFUSED);
        a.terminal.close().await();
        assertThat(a.terminal.state()).isEqualTo(State.CLOSED);
    }
}
