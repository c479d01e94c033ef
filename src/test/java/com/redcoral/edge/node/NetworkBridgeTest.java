package com.redcoral.edge.node;

import static com.redcoral.edge.node.BridgeSocket.send;
import static com.redcoral.edge.node.TestNode.openTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.access.Role;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.certs.TerminalSubject;
import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.client.BridgeRefusedException;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network listener on a real node: TLS with the development certificates a first start makes,
 * terminals known by a client certificate of the store CA (made here with {@link CertificateAuthority})
 * or a token login, per-role permissions, and every way in that is refused.
 */
@Timeout(60)
class NetworkBridgeTest {

    @TempDir
    Path dir;

    TestNode t;
    DevelopmentCertificates certs;
    CertificateAuthority ca;
    int port;
    final Instant now = Instant.now();

    /** A client certificate and key written for a test terminal. */
    record Cert(Path pem, Path key, String serial) {}

    @BeforeEach
    void start() throws Exception {
        start(dir.resolve("node"), NodeConfig.defaults().bridge(), List.of());
    }

    private void start(Path home, NodeConfig.Bridge bridge, List<String> allowedOrigins) throws Exception {
        t = TestNode.networked(home, bridge, allowedOrigins).start();
        certs = new DevelopmentCertificates(home.resolve("certs"));
        ca = CertificateAuthority.load(certs.caPem(), certs.caKey());
        port = URI.create(t.node.networkUrl().orElseThrow()).getPort();
    }

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void aFirstStartMakesDevelopmentCertificatesWithPrivateKeys() throws Exception {
        for (Path key : List.of(certs.caKey(), certs.nodeKey(), certs.adminKey())) {
            assertThat(Files.getPosixFilePermissions(key))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        var node = CertificateAuthority.readCertificates(certs.nodePem());
        assertThat(node).hasSize(2);
        assertThat(CertificateAuthority.subjectAlternativeNames(node.get(0)))
                .contains("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        var admin = CertificateAuthority.readCertificates(certs.adminPem()).get(0);
        assertThat(TerminalSubject.identity(admin).name()).isEqualTo(DevelopmentCertificates.ADMIN_NAME);
        assertThat(TerminalSubject.identity(admin).role()).isEqualTo(Role.ADMIN);

        BridgeConnection cli = BridgeConnection.connect(t.vertx, bridgeUri(), BridgeOptions.defaults()
                .withTrust(certs.caPem()).withCertificate(certs.adminPem(), certs.adminKey())).await();
        assertThat(cli.request(Addresses.AUTH_IDENTITY, new JsonObject(), Duration.ofSeconds(10)).await())
                .isEqualTo(new JsonObject().put("success", true).put("name", "admin-cli").put("role", "admin")
                        .putNull("destination_id").put("source", "certificate"));
        cli.close().await();
    }

    @Test
    void aTerminalWithACertificateSendsACommandAndGetsItsEvent() throws Exception {
        Cert till = issue(ca, "till-1", Role.TERMINAL, null);
        BridgeSocket socket = connect(till);
        socket.write(new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS));
        JsonObject who = socket.request(Addresses.AUTH_IDENTITY, new JsonObject(), "who").getJsonObject("body");
        assertThat(who).isEqualTo(new JsonObject().put("success", true).put("name", "till-1").put("role", "terminal")
                .putNull("destination_id").put("source", "certificate"));

        socket.write(send(Addresses.ORDERS_COMMAND, openTable("T1"), "r1"));
        List<JsonObject> frames = List.of(socket.next(), socket.next());
        assertThat(frames).anySatisfy(f -> {
            assertThat(f.getString("address")).isEqualTo("r1");
            assertThat(f.getJsonObject("body").getBoolean("success")).isTrue();
        });
        assertThat(frames).anySatisfy(f -> {
            assertThat(f.getString("address")).isEqualTo(Addresses.ORDERS_EVENTS);
            assertThat(f.getJsonObject("body").getString("event_type")).isEqualTo("TABLE_OPENED");
        });
        assertThat(t.request(Addresses.AUTH_IDENTITY, new JsonObject()).getString("source")).isEqualTo("in_process");
    }

    @Test
    void aTokenLogsInWithTheFirstFrameAndThenSendsCommands() throws Exception {
        String token = token("till-2", "terminal", null).getString("token");
        BridgeSocket socket = connect(null);
        JsonObject login = socket.request(Addresses.AUTH_LOGIN, new JsonObject().put("token", token), "login")
                .getJsonObject("body");
        assertThat(login).isEqualTo(new JsonObject().put("success", true).put("name", "till-2")
                .put("role", "terminal").putNull("destination_id").put("source", "token"));
        JsonObject reply = socket.request(Addresses.ORDERS_COMMAND, openTable("T1"), "r1").getJsonObject("body");
        assertThat(reply.getBoolean("success")).isTrue();

        BridgeConnection library = BridgeConnection.connect(t.vertx, bridgeUri(),
                BridgeOptions.defaults().withTrust(certs.caPem()).withToken(token)).await();
        assertThat(library.request(Addresses.AUTH_IDENTITY, new JsonObject(), Duration.ofSeconds(10)).await()
                .getString("name")).isEqualTo("till-2");
        library.close().await();
    }

    @Test
    void withoutCredentialsAnyFrameBeforeTheLoginClosesTheSocket() throws Exception {
        List<JsonObject> firstFrames = List.of(
                send(Addresses.ORDERS_COMMAND, openTable("T1"), "r1"),
                send(Addresses.AUTH_IDENTITY, new JsonObject(), "r2"),
                new JsonObject().put("type", "publish").put("address", Addresses.ORDERS_COMMAND)
                        .put("body", openTable("T1")),
                new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS),
                new JsonObject().put("type", "send").put("address", Addresses.AUTH_LOGIN)
                        .put("body", new JsonObject().put("token", "rct_x"))); // no reply address
        for (JsonObject first : firstFrames) {
            BridgeSocket socket = connect(null);
            socket.write(new JsonObject().put("type", "ping")); // pings are fine before the login
            socket.write(first);
            assertThat(socket.nextError()).as("%s", first).isEqualTo("auth_required");
            socket.awaitClosed();
        }
        assertThat(t.status().getLong("server_sequence")).isZero();
    }

    @Test
    void aSocketThatPingsButNeverLogsInIsClosed() throws Exception {
        t.close();
        start(dir.resolve("impatient"), new NodeConfig.Bridge(65536, 10_000, 1_500, 100, 4), List.of());
        BridgeSocket socket = connect(null);
        long pinging = t.vertx.setPeriodic(200, id -> socket.ws.writeTextMessage("{\"type\":\"ping\"}"));
        try {
            assertThat(socket.nextError()).isEqualTo("auth_required"); // an idle close would say nothing
            socket.awaitClosed();
        } finally {
            t.vertx.cancelTimer(pinging);
        }
    }

    @Test
    void aLoopbackSocketThatLogsInTakesTheTokensIdentity() throws Exception {
        assertThat(t.changeResource(TestNode.resource("create", "print_destination", "grill",
                new JsonObject().put("name", "Grill"))).getBoolean("success")).isTrue();
        String token = token("grill-4", "kitchen", "grill").getString("token");
        BridgeSocket socket = BridgeSocket.connect(t.vertx.createWebSocketClient(), t.node.port());
        assertThat(socket.request(Addresses.AUTH_IDENTITY, new JsonObject(), "who").getJsonObject("body")
                .getString("source")).isEqualTo("loopback");
        assertThat(login(socket, token).getString("destination_id")).isEqualTo("grill");
        socket.write(send(Addresses.ORDERS_COMMAND, openTable("T1"), "r1"));
        assertThat(socket.nextError()).isEqualTo("rejected");
        JsonObject again = login(socket, token);
        assertThat(again.getJsonObject("error").getString("message")).contains("already known as grill-4");
    }

    @Test
    void aCertificateOfAnotherCaLetsNothingIn() throws Exception {
        CertificateAuthority foreign = CertificateAuthority.create("Another store", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        // A well-behaved client offers no certificate the store CA did not sign: it has no credentials.
        BridgeSocket socket = connect(issue(foreign, "till-9", Role.ADMIN, null));
        socket.write(send(Addresses.ORDERS_COMMAND, openTable("T1"), "r1"));
        assertThat(socket.nextError()).isEqualTo("auth_required");
        socket.awaitClosed();
        // One that presents it anyway fails the handshake.
        assertThat(presenting(foreign.issueTerminal("till-9", Role.ADMIN, null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))))).startsWith("refused: ");
        assertThat(t.status().getLong("server_sequence")).isZero();
    }

    @Test
    void anExpiredCertificateIsRefusedByTheHandshake() throws Exception {
        CertificateAuthority.Issued expired = ca.issueTerminal("till-old", Role.TERMINAL, null,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        assertThat(presenting(expired)).startsWith("refused: ");
        Path pem = dir.resolve("till-old.pem");
        Path key = dir.resolve("till-old.key");
        expired.write(pem, key);
        // Through a WebSocket client: the server closes the connection in the middle of the handshake.
        assertThatThrownBy(() -> connect(new Cert(pem, key, null))).isInstanceOf(Exception.class);
    }

    @Test
    void aRevokedCertificateIsClosedAndRefusedFromThenOn() throws Exception {
        Cert till = issue(ca, "till-3", Role.TERMINAL, null);
        BridgeSocket live = connect(till);
        assertThat(live.request(Addresses.AUTH_IDENTITY, new JsonObject(), "who").getJsonObject("body")
                .getString("name")).isEqualTo("till-3");

        JsonObject revoked = t.request(Addresses.CERTIFICATES_REVOKE, new JsonObject().put("serial", till.serial()));
        assertThat(revoked.getBoolean("success")).isTrue();
        assertThat(live.nextError()).isEqualTo("credential_revoked");
        live.awaitClosed();

        assertThatThrownBy(() -> connect(till)).isInstanceOf(UpgradeRejectedException.class)
                .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403));
        // The terminal library's connection says so as a refusal of the credential, with the node's reason.
        assertThatThrownBy(() -> BridgeConnection.connect(t.vertx, bridgeUri(), BridgeOptions.defaults()
                .withTrust(certs.caPem()).withCertificate(till.pem(), till.key())).await())
                .isInstanceOfSatisfying(BridgeRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("ACCESS_DENIED: the certificate " + till.serial()
                            + " of till-3 is revoked");
                    assertThat(e.credentialRefused()).isTrue();
                });
    }

    @Test
    void aBadTokenIsRefusedAndClosesTheSocket() throws Exception {
        BridgeSocket socket = connect(null);
        JsonObject login = socket.request(Addresses.AUTH_LOGIN,
                new JsonObject().put("token", "rct_0123456789abcdef_" + "A".repeat(43)), "login").getJsonObject("body");
        assertThat(login.getBoolean("success")).isFalse();
        assertThat(login.getJsonObject("error").getString("code")).isEqualTo("AUTHENTICATION_FAILED");
        socket.awaitClosed();

        assertThatThrownBy(() -> BridgeConnection.connect(t.vertx, bridgeUri(),
                BridgeOptions.defaults().withTrust(certs.caPem()).withToken("rct_nonsense")).await())
                .isInstanceOf(BridgeRefusedException.class).hasMessageContaining("AUTHENTICATION_FAILED");
    }

    @Test
    void aRevokedTokenClosesItsConnectionsAndLogsInNoMore() throws Exception {
        JsonObject issued = token("till-4", "terminal", null);
        BridgeSocket live = connect(null);
        assertThat(login(live, issued.getString("token")).getBoolean("success")).isTrue();

        assertThat(t.request(Addresses.TOKENS_REVOKE, new JsonObject().put("token_id", issued.getString("token_id")))
                .getBoolean("success")).isTrue();
        assertThat(live.nextError()).isEqualTo("credential_revoked");
        live.awaitClosed();

        BridgeSocket again = connect(null);
        assertThat(login(again, issued.getString("token")).getJsonObject("error").getString("code"))
                .isEqualTo("AUTHENTICATION_FAILED");
        again.awaitClosed();
    }

    @Test
    void aSocketSendsOnlyWhatItsRoleAllows() throws Exception {
        BridgeSocket till = connect(issue(ca, "till-5", Role.TERMINAL, null));
        till.write(send(Addresses.RESOURCES_COMMAND, TestNode.resource("create", "tag", null,
                new JsonObject().put("name", "x")), "r1"));
        assertThat(till.nextError()).isEqualTo("rejected");
        till.write(send(Addresses.TOKENS_ISSUE, new JsonObject().put("name", "me").put("role", "admin"), "r2"));
        assertThat(till.nextError()).isEqualTo("rejected");
        till.write(send("pos.nowhere", new JsonObject(), "r3"));
        assertThat(till.nextError()).isEqualTo("access_denied");
        till.write(send(Addresses.LEDGER_APPEND, new JsonObject(), "r4"));
        assertThat(till.nextError()).isEqualTo("access_denied");
        assertThat(till.request(Addresses.NODE_STATUS, new JsonObject(), "ok").getString("type")).isEqualTo("rec");

        BridgeSocket grill = connect(issue(ca, "grill-1", Role.KITCHEN, "grill"));
        grill.write(send(Addresses.KDS_BUMP, new JsonObject().put("destination_id", "bar").put("ticket_id", "k1"), "b1"));
        assertThat(grill.nextError()).isEqualTo("rejected");
        grill.write(send(Addresses.ORDERS_COMMAND, openTable("T1"), "b2"));
        assertThat(grill.nextError()).isEqualTo("rejected");
        // Its own destination passes the bridge: answered by the kitchen, or NO_HANDLERS where there is none.
        JsonObject own = grill.request(Addresses.KDS_BUMP, new JsonObject().put("destination_id", "grill")
                .put("ticket_id", "k1"), "b3");
        assertThat(own.getString("address")).isEqualTo("b3");
        assertThat(t.status().getLong("server_sequence")).isZero();
        assertThat(t.request(Addresses.RESOURCES_STATUS, new JsonObject()).getJsonObject("versions")
                .getLong("tag", 0L)).isZero();
    }

    @Test
    void aRefusalIsLoggedWithTheSocketsIdentityAndTheAddress() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger guard = java.util.logging.Logger.getLogger(BridgeGuard.class.getName());
        guard.addHandler(capture);
        try {
            Cert cert = issue(ca, "till-8", Role.TERMINAL, null);
            BridgeSocket till = connect(cert);
            till.write(send(Addresses.RESOURCES_COMMAND, new JsonObject(), "r1"));
            assertThat(till.nextError()).isEqualTo("rejected");
            till.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("grill")));
            assertThat(till.nextError()).isEqualTo("rejected");

            String who = "till-8 (terminal, certificate " + cert.serial() + ")";
            assertThat(warnings).anySatisfy(line -> assertThat(line).contains(who)
                    .contains("send to " + Addresses.RESOURCES_COMMAND).contains("not for its role"));
            assertThat(warnings).anySatisfy(line -> assertThat(line).contains(who)
                    .contains("register for " + Addresses.kitchen("grill")).contains("not for its role"));
        } finally {
            guard.removeHandler(capture);
        }
    }

    @Test
    void aSocketRegistersOnlyForWhatItsRoleAllows() throws Exception {
        BridgeSocket till = connect(issue(ca, "till-6", Role.TERMINAL, null));
        till.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("grill")));
        assertThat(till.nextError()).isEqualTo("rejected");

        BridgeSocket grill = connect(issue(ca, "grill-2", Role.KITCHEN, "grill"));
        grill.write(new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS));
        assertThat(grill.nextError()).isEqualTo("rejected");
        grill.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("bar")));
        assertThat(grill.nextError()).isEqualTo("rejected");
        grill.write(new JsonObject().put("type", "register").put("address", Addresses.kitchen("grill")));
        grill.request(Addresses.AUTH_IDENTITY, new JsonObject(), "after"); // the registration is in place
        t.vertx.eventBus().publish(Addresses.kitchen("grill"), new JsonObject().put("ticket_id", "k1"));
        JsonObject delivered = grill.next();
        assertThat(delivered.getString("address")).isEqualTo(Addresses.kitchen("grill"));
        assertThat(delivered.getJsonObject("body").getString("ticket_id")).isEqualTo("k1");
    }

    @Test
    void aSocketRepliesOnlyToMessagesDeliveredToIt() throws Exception {
        BridgeSocket admin = BridgeSocket.connect(t.vertx.createWebSocketClient(), t.node.port()); // loopback
        admin.write(new JsonObject().put("type", "register").put("address", Addresses.ORDERS_EVENTS));
        admin.request(Addresses.AUTH_IDENTITY, new JsonObject(), "after");
        var asked = t.vertx.eventBus().<JsonObject>request(Addresses.ORDERS_EVENTS, new JsonObject().put("q", 1));
        String replyAddress = admin.next().getString("replyAddress");
        assertThat(replyAddress).startsWith("__vertx.reply.");

        BridgeSocket forger = connect(issue(ca, "till-7", Role.TERMINAL, null));
        forger.write(send(replyAddress, new JsonObject().put("answer", "forged"), null));
        assertThat(forger.nextError()).isEqualTo("rejected");
        admin.write(send(replyAddress, new JsonObject().put("answer", "genuine"), null));
        assertThat(asked.await().body().getString("answer")).isEqualTo("genuine");
    }

    @Test
    void theIdentityHeaderIsTheNodesWhateverTheClientSends() throws Exception {
        List<MultiMap> seen = new CopyOnWriteArrayList<>();
        Handler<DeliveryContext<Object>> spy = delivery -> {
            if (Addresses.ORDERS_SYNC.equals(delivery.message().address())) {
                seen.add(delivery.message().headers());
            }
            delivery.next();
        };
        t.vertx.eventBus().addOutboundInterceptor(spy);
        Cert till = issue(ca, "till-8", Role.TERMINAL, null);
        BridgeSocket socket = connect(till);
        JsonObject frame = send(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", 0), "s1")
                .put("headers", new JsonObject().put("redcoral-identity", "boss (admin, loopback)")
                        .put("Redcoral-Socket", "someone-else").put("x-till", "7"));
        socket.write(frame);
        assertThat(socket.next().getString("address")).isEqualTo("s1");
        t.vertx.eventBus().removeOutboundInterceptor(spy);

        assertThat(seen).singleElement().satisfies(headers -> {
            assertThat(headers.getAll(CredentialVerticle.IDENTITY_HEADER))
                    .containsExactly("till-8 (terminal, certificate " + till.serial() + ")");
            assertThat(headers.getAll(BridgeGuard.SOCKET_HEADER)).hasSize(1).doesNotContain("someone-else");
            assertThat(headers.get("x-till")).isEqualTo("7");
        });
    }

    @Test
    void pagesOfOtherSitesAreRefusedOnBothListeners() throws Exception {
        WebSocketClient plain = t.vertx.createWebSocketClient();
        assertThatThrownBy(() -> BridgeSocket.connect(plain, t.node.port(), "http://evil.example"))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
        assertThatThrownBy(() -> BridgeSocket.connect(tlsClient(issue(ca, "till-10", Role.TERMINAL, null)), port,
                "https://evil.example"))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
        // A DNS name pointed at the node is another site too.
        assertThatThrownBy(() -> BridgeSocket.connect(plain, t.node.port(), "http://rebound.example:" + t.node.port()))
                .isInstanceOf(UpgradeRejectedException.class);

        WebClient http = WebClient.create(t.vertx);
        assertThat(http.get(t.node.port(), "127.0.0.1", "/api/orders/active").putHeader("Origin", "http://evil.example")
                .send().await().statusCode()).isEqualTo(403);
        for (String own : List.of("http://127.0.0.1:" + t.node.port(), "http://localhost:" + t.node.port())) {
            assertThat(http.get(t.node.port(), "127.0.0.1", "/api/orders/active").putHeader("Origin", own)
                    .send().await().statusCode()).as(own).isEqualTo(200);
        }
        BridgeSocket ownPage = BridgeSocket.connect(plain, t.node.port(), "http://localhost:" + t.node.port());
        assertThat(ownPage.request(Addresses.NODE_STATUS, new JsonObject(), "ok").getString("type")).isEqualTo("rec");
    }

    @Test
    void anAllowedOriginMayOpenTheBridgeAndReadTheApi() throws Exception {
        t.close();
        start(dir.resolve("allowing"), NodeConfig.defaults().bridge(), List.of("https://pos.example"));
        String token = token("browser-1", "terminal", null).getString("token");
        BridgeSocket page = BridgeSocket.connect(tlsClient(null), port, "https://pos.example");
        assertThat(login(page, token).getBoolean("success")).isTrue();

        HttpResponse<Buffer> read = https(null).get(port, "127.0.0.1", "/api/sync/status")
                .putHeader("Origin", "https://pos.example").putHeader("Authorization", "Bearer " + token).send().await();
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://pos.example");
    }

    @Test
    void oneIdentityMayHoldOnlySoManyConnections() throws Exception {
        t.close();
        start(dir.resolve("limited"), new NodeConfig.Bridge(65536, 10_000, 30_000, 100, 2), List.of());
        Cert till = issue(ca, "till-11", Role.TERMINAL, null);
        BridgeSocket first = connect(till);
        BridgeSocket second = connect(till);
        BridgeSocket third = connect(till);
        assertThat(third.nextError()).isEqualTo("too_many_connections");
        third.awaitClosed();
        assertThat(second.request(Addresses.AUTH_IDENTITY, new JsonObject(), "ok").getString("type")).isEqualTo("rec");

        String token = token("till-12", "terminal", null).getString("token");
        assertThat(login(connect(null), token).getBoolean("success")).isTrue();
        assertThat(login(connect(null), token).getBoolean("success")).isTrue();
        BridgeSocket over = connect(null);
        assertThat(login(over, token).getJsonObject("error").getString("code")).isEqualTo("TOO_MANY_CONNECTIONS");
        over.awaitClosed();

        JsonArray open = t.request(Addresses.ADMIN_CONNECTIONS, new JsonObject()).getJsonArray("connections");
        assertThat(open).hasSize(4);
        JsonObject listed = open.getJsonObject(0);
        assertThat(listed.fieldNames()).containsExactlyInAnyOrder("name", "role", "destination_id", "source",
                "credential", "listener", "remote_address", "connected_at");
        assertThat(listed.getString("name")).isEqualTo("till-11");
        assertThat(listed.getString("credential")).isEqualTo(till.serial());
        assertThat(listed.getString("listener")).isEqualTo("network");

        first.ws.close().await();
        first.awaitClosed();
        awaitConnections(3);
        assertThat(connect(till).request(Addresses.AUTH_IDENTITY, new JsonObject(), "ok").getString("type"))
                .isEqualTo("rec");
    }

    @Test
    void theHttpApiOnTheNetworkWantsACertificateOrABearerToken() throws Exception {
        WebClient anonymous = https(null);
        assertThat(anonymous.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);
        assertThat(anonymous.get(port, "127.0.0.1", "/api/orders/active").send().await().statusCode()).isEqualTo(401);

        String terminal = token("till-13", "terminal", null).getString("token");
        assertThat(anonymous.get(port, "127.0.0.1", "/api/orders/active").putHeader("Authorization",
                "Bearer " + terminal).send().await().statusCode()).isEqualTo(200);
        JsonObject tag = TestNode.resource("create", "tag", null, new JsonObject().put("name", "Spicy"));
        tag.remove("resource");
        tag.remove("action");
        assertThat(anonymous.post(port, "127.0.0.1", "/api/resources/tag").putHeader("Authorization",
                "Bearer " + terminal).sendJsonObject(tag).await().statusCode()).isEqualTo(403);
        assertThat(anonymous.get(port, "127.0.0.1", "/api/orders/active").putHeader("Authorization",
                "Bearer rct_0123456789abcdef_" + "A".repeat(43)).send().await().statusCode()).isEqualTo(401);

        WebClient admin = https(new Cert(certs.adminPem(), certs.adminKey(), null));
        assertThat(admin.post(port, "127.0.0.1", "/api/resources/tag").sendJsonObject(tag).await().statusCode())
                .isEqualTo(201);
        WebClient kitchen = https(issue(ca, "grill-3", Role.KITCHEN, "grill"));
        assertThat(kitchen.get(port, "127.0.0.1", "/api/orders/active").send().await().statusCode()).isEqualTo(403);
    }

    // ---- helpers

    private Cert issue(CertificateAuthority by, String name, Role role, String destination) {
        return issue(by, name, role, destination, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    }

    private Cert issue(CertificateAuthority by, String name, Role role, String destination, Instant from,
                       Instant until) {
        CertificateAuthority.Issued issued = by.issueTerminal(name, role, destination, from, until);
        Path pem = dir.resolve("clients").resolve(name + ".pem");
        Path key = dir.resolve("clients").resolve(name + ".key");
        issued.write(pem, key);
        return new Cert(pem, key, TerminalSubject.serial(issued.certificate()));
    }

    /**
     * Presents {@code issued} as the client certificate whatever the server asks for (a well-behaved client
     * offers only certificates of the CAs the server names), then asks for {@code /health}: what came back,
     * or {@code refused: } and why the TLS connection failed.
     */
    private String presenting(CertificateAuthority.Issued issued) throws Exception {
        X509ExtendedKeyManager always = new X509ExtendedKeyManager() {
            @Override public String[] getClientAliases(String keyType, Principal[] issuers) {
                return new String[] {"it"};
            }
            @Override public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return "it";
            }
            @Override public String[] getServerAliases(String keyType, Principal[] issuers) {
                return null;
            }
            @Override public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
            @Override public X509Certificate[] getCertificateChain(String alias) {
                return issued.chain().toArray(X509Certificate[]::new);
            }
            @Override public PrivateKey getPrivateKey(String alias) {
                return issued.key();
            }
        };
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("store-ca", ca.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {always}, trustManagers.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII);
        } catch (SSLException | SocketException e) {
            return "refused: " + e;
        }
    }

    private WebSocketClient tlsClient(Cert cert) {
        WebSocketClientOptions options = new WebSocketClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certs.caPem().toString()));
        if (cert != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.pem().toString())
                    .setKeyPath(cert.key().toString()));
        }
        return t.vertx.createWebSocketClient(options);
    }

    private WebClient https(Cert cert) {
        WebClientOptions options = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(certs.caPem().toString()));
        if (cert != null) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.pem().toString())
                    .setKeyPath(cert.key().toString()));
        }
        return WebClient.create(t.vertx, options);
    }

    private BridgeSocket connect(Cert cert) {
        return BridgeSocket.connect(tlsClient(cert), port);
    }

    private URI bridgeUri() {
        return BridgeConnection.bridgeUri(URI.create(t.node.networkUrl().orElseThrow()));
    }

    private JsonObject token(String name, String role, String destination) {
        JsonObject issued = t.request(Addresses.TOKENS_ISSUE, new JsonObject().put("name", name).put("role", role)
                .put("destination_id", destination));
        assertThat(issued.getBoolean("success")).as("%s", issued).isTrue();
        return issued;
    }

    private static JsonObject login(BridgeSocket socket, String token) throws InterruptedException {
        return socket.request(Addresses.AUTH_LOGIN, new JsonObject().put("token", token), "login")
                .getJsonObject("body");
    }

    /** Waits until the node lists {@code n} connections (it learns of a close a moment after the client). */
    private void awaitConnections(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (t.request(Addresses.ADMIN_CONNECTIONS, new JsonObject()).getJsonArray("connections").size() != n) {
            assertThat(System.nanoTime()).as("%d connections within 10 s", n).isLessThan(deadline);
        }
    }
}
