package com.redcoral.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.access.Role;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.certs.TerminalSubject;
import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kds} over the network listener, end to end against a real node ({@link ClientTestNode#networked}): TLS
 * with the node's development certificates, the display known by a kitchen client certificate of the store CA
 * (made here with {@link CertificateAuthority}) or by a kitchen token. Tickets print, a connection cut for real
 * (a TCP proxy in front of the TLS port) is caught up on after the reconnect, bumps and recalls over the bridge
 * carry the kitchen's identity, and every way the node refuses the display ends it with status 1 and a sentence
 * saying why — never a display trying again for ever.
 */
@Timeout(120)
class KdsTlsCommandTest {

    @TempDir
    Path dir;

    private final KdsUnderTest kds = new KdsUnderTest();
    private final Transcript out = kds.out;
    private final Transcript err = kds.err;
    private final BlockingQueue<JsonObject> barChanges = new LinkedBlockingQueue<>();
    private final Instant now = Instant.now();
    private ClientTestNode node;
    private DevelopmentCertificates certs;
    private CertificateAuthority ca;

    /** A client certificate and key written for a display. */
    private record Cert(Path pem, Path key, String serial) {}

    @BeforeEach
    void startTheNode() throws Exception {
        node = ClientTestNode.networked(dir.resolve("node"));
        certs = new DevelopmentCertificates(node.certsDir());
        ca = CertificateAuthority.load(certs.caPem(), certs.caKey());
        node.vertx().eventBus().<JsonObject>consumer(Addresses.kitchen("bar"), m -> barChanges.add(m.body()))
                .completion().await();
    }

    @AfterEach
    void stopTheDisplayAndTheNode() throws Exception {
        try {
            kds.close();
        } finally {
            node.close();
        }
    }

    @Test
    void aKitchenCertificateShowsItsTicketsAndAfterACutConnectionWhatHappenedMeanwhile() throws Exception {
        Cert bar = issue(ca, "bar-screen", Role.KITCHEN, "bar");
        String bumper = "bar-screen (kitchen of bar, certificate " + bar.serial() + ")";
        try (TcpProxy proxy = TcpProxy.start(node.vertx(), node.networkUrl().getPort())) {
            String first = open("T1");
            String a = espressos(first, 2);

            kds.start("--url", "https://127.0.0.1:" + proxy.port(), "--ca", certs.caPem().toString(),
                    "--cert", bar.pem().toString(), "--destination", "bar");
            assertThat(out.until("connected: 1 open ticket")).contains("Kitchen display of Bar (bar)")
                    .anySatisfy(line -> assertThat(line).contains("NEW", "#" + a + "  Table 1  (Zhang San)"))
                    .contains("             2 x Espresso");

            String second = open("T2");
            String b = espressos(second, 1);
            assertThat(out.until("#" + b)).last().asString().contains("NEW", "Table 2");

            // The bar's bump bar: another connection with the same certificate, straight to the TLS port.
            BridgeConnection pass = connect(BridgeOptions.defaults().withTrust(certs.caPem())
                    .withCertificate(bar.pem(), bar.key()));
            JsonObject bumped = request(pass, Addresses.KDS_BUMP, ticket("bar", b));
            assertThat(bumped.getString("change")).isEqualTo("BUMPED");
            assertThat(bumped.getJsonObject("ticket").getString("bumped_by")).isEqualTo(bumper);
            assertThat(out.until("#" + b)).last().asString().contains("DONE", "Table 2 (by bar-screen)");

            proxy.sever();
            out.until("disconnected from the node");
            String c = espressos(first, 3);
            assertThat(node.send(ClientTestNode.command("MOVE_ORDER", new JsonObject().put("order_id", first)
                    .put("target_table_id", "P1"))).getBoolean("success")).isTrue();
            JsonObject recalled = request(pass, Addresses.KDS_RECALL, ticket("bar", b));
            assertThat(recalled.getJsonObject("ticket").getString("recalled_by")).isEqualTo(bumper);
            assertThat(out.lines()).noneMatch(line -> line.contains("#" + c));
            proxy.restore();

            List<String> caughtUp = out.until("reconnected:");
            assertThat(caughtUp.getLast()).endsWith("reconnected: 1 new, 2 changed while away; 3 open tickets");
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("MOVED", "#" + a,
                    "Terrace 1, moved from Table 1"));
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("RECALLED", "#" + b,
                    "Table 2 (by bar-screen)"));
            assertThat(caughtUp).anySatisfy(line -> assertThat(line).contains("NEW", "#" + c, "Terrace 1"))
                    .contains("             3 x Espresso");
            pass.close().await();

            kds.ctrlC();
            assertThat(kds.exit(10)).isZero();
            assertThat(out.lines().getLast()).endsWith("stopped");
            assertThat(err.lines()).isEmpty();
        }
    }

    @Test
    void aKitchenTokenShowsItsTicketsUntilItIsRevokedAndIsRefusedFromThenOn() throws Exception {
        JsonObject issued = token("bar tablet", "kitchen", "bar");
        Path tokenFile = Files.writeString(dir.resolve("bar.token"), issued.getString("token") + "\n");
        String[] args = {"--url", node.networkUrl().toString(), "--ca", certs.caPem().toString(),
            "--token", "@" + tokenFile, "--destination", "bar"};
        kds.start(args);
        out.until("connected: 0 open tickets");
        String a = espressos(open("T1"), 2);
        assertThat(out.until("#" + a)).last().asString().contains("NEW", "Table 1");

        BridgeConnection tablet = connect(BridgeOptions.defaults().withTrust(certs.caPem())
                .withToken(issued.getString("token")));
        JsonObject bumped = request(tablet, Addresses.KDS_BUMP, ticket("bar", a));
        assertThat(bumped.getJsonObject("ticket").getString("bumped_by"))
                .isEqualTo("bar tablet (kitchen of bar, token " + issued.getString("token_id") + ")");
        assertThat(out.until("#" + a)).last().asString().contains("DONE", "(by bar tablet)");

        assertThat(node.request(Addresses.TOKENS_REVOKE, new JsonObject().put("token_id", issued.getString("token_id")))
                .getBoolean("success")).isTrue();
        assertThat(kds.exit(20)).isEqualTo(1);
        assertThat(err.lines()).containsExactly("redcoral-edge kds: the node refused this display: its token was "
                + "revoked while it was showing the tickets: the node closed the connection (credential_revoked) and "
                + "refuses the token from now on (AUTHENTICATION_FAILED)");
        assertThat(out.lines()).noneMatch(line -> line.contains("trying again"));

        assertThat(runFor(20, args)).isEqualTo(1);
        assertThat(err.lines().getLast()).isEqualTo("redcoral-edge kds: the node refused this display: "
                + "AUTHENTICATION_FAILED: the token is unknown, malformed or revoked");
        assertThat(out.lines()).noneMatch(line -> line.contains("trying again"));
    }

    @Test
    void aCredentialOfAnotherDestinationOrRoleExitsOneSayingWhose() throws Exception {
        assertThat(node.changeResource("create", "print_destination", "grill", new JsonObject().put("name", "Grill"))
                .getBoolean("success")).isTrue();
        Cert grill = issue(ca, "grill-screen", Role.KITCHEN, "grill");
        assertThat(runFor(20, tls("--cert", grill.pem().toString(), "--destination", "bar"))).isEqualTo(1);
        assertThat(err.lines().getLast()).isEqualTo("redcoral-edge kds: the node refused this display: it knows it "
                + "as grill-screen, a kitchen display of grill (by its certificate): it may show the tickets of grill "
                + "only, not of bar");

        String grillToken = token("grill tablet", "kitchen", "grill").getString("token");
        assertThat(runFor(20, tls("--token", grillToken, "--destination", "bar", "--once"))).isEqualTo(1);
        assertThat(err.lines().getLast()).isEqualTo("redcoral-edge kds: the node refused this display: it knows it "
                + "as grill tablet, a kitchen display of grill (by its token): it may show the tickets of grill only, "
                + "not of bar");

        Cert till = issue(ca, "till-1", Role.TERMINAL, null);
        assertThat(runFor(20, tls("--cert", till.pem().toString(), "--destination", "bar"))).isEqualTo(1);
        assertThat(err.lines().getLast()).isEqualTo("redcoral-edge kds: the node refused this display: it knows it "
                + "as till-1, a terminal (by its certificate): showing the tickets of bar takes a kitchen certificate "
                + "or token of bar, or an admin's");
        assertThat(out.lines()).noneMatch(line -> line.contains("trying again") || line.contains("Kitchen display"));
    }

    @Test
    void anAdminCertificateMayShowAnyDestination() throws Exception {
        String ticket = espressos(open("T1"), 1);
        for (String destination : List.of("bar", "kitchen")) {
            assertThat(runFor(20, tls("--cert", certs.adminPem().toString(), "--destination", destination, "--once")))
                    .as(destination).isZero();
        }
        assertThat(out.lines()).contains("Kitchen display of Bar (bar)", "Kitchen display of Kitchen (kitchen)")
                .anySatisfy(line -> assertThat(line).contains("NEW", "#" + ticket));
        assertThat(err.lines()).isEmpty();
    }

    @Test
    void aCertificateOfAnotherCaExitsOneSayingTheNodeTookNoCertificate() throws Exception {
        CertificateAuthority foreign = CertificateAuthority.create("Another store", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Cert stranger = issue(foreign, "bar-screen", Role.KITCHEN, "bar");
        assertThat(runFor(20, tls("--cert", stranger.pem().toString(), "--destination", "bar"))).isEqualTo(1);
        assertThat(err.lines()).containsExactly("redcoral-edge kds: the node refused this display: it does not know "
                + "who this display is (auth_required): it took no client certificate from it (one the store CA the "
                + "node trusts did not sign is not even offered) and no token was given");
        assertThat(out.lines()).noneMatch(line -> line.contains("trying again"));
    }

    @Test
    void aRevokedCertificateEndsTheDisplayAndIsRefusedFromThenOn() throws Exception {
        Cert bar = issue(ca, "bar-screen", Role.KITCHEN, "bar");
        String[] args = tls("--cert", bar.pem().toString(), "--destination", "bar");
        kds.start(args);
        out.until("connected: 0 open tickets");
        assertThat(node.request(Addresses.CERTIFICATES_REVOKE, new JsonObject().put("serial", bar.serial()))
                .getBoolean("success")).isTrue();
        assertThat(kds.exit(20)).isEqualTo(1);
        assertThat(err.lines()).containsExactly("redcoral-edge kds: the node refused this display: its certificate "
                + "was revoked while it was showing the tickets: the node closed the connection (credential_revoked) "
                + "and refuses the certificate from now on (HTTP 403)");

        assertThat(runFor(20, args)).isEqualTo(1);
        assertThat(err.lines().getLast()).isEqualTo("redcoral-edge kds: the node refused this display: ACCESS_DENIED: "
                + "the certificate " + bar.serial() + " of bar-screen is revoked (HTTP 403)");
        assertThat(out.lines()).noneMatch(line -> line.contains("trying again"));
    }

    @Test
    void aCredentialThatHoldsAsManyConnectionsAsAllowedWaitsForOneToClose() throws Exception {
        Cert bar = issue(ca, "bar-screen", Role.KITCHEN, "bar");
        JsonObject issued = token("bar tablet", "kitchen", "bar");
        List<BridgeConnection> others = new java.util.ArrayList<>(); // a certificate's first, then a token's
        for (int i = 0; i < 4; i++) { // bridge.max_connections_per_identity
            others.add(connect(BridgeOptions.defaults().withTrust(certs.caPem()).withCertificate(bar.pem(), bar.key())));
            others.add(connect(BridgeOptions.defaults().withTrust(certs.caPem()).withToken(issued.getString("token"))));
        }
        for (String[] credential : List.<String[]>of(new String[] {"--cert", bar.pem().toString()},
                new String[] {"--token", issued.getString("token")})) {
            kds.start(tls(credential[0], credential[1], "--destination", "bar"));
            assertThat(out.until("trying again")).as(credential[0]).last().asString().contains("the node holds as "
                    + "many connections of this display's certificate or token as it allows (");
            others.removeFirst().close().await();
            out.until("connected: 0 open tickets");
            kds.ctrlC();
            assertThat(kds.exit(10)).isZero();
        }
        assertThat(err.lines()).isEmpty();
    }

    @Test
    void anExpiredCertificateExitsOneBeforeItTries() throws Exception {
        CertificateAuthority.Issued old = ca.issueTerminal("old-screen", Role.KITCHEN, "bar",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        Path pem = dir.resolve("old-screen.pem");
        old.write(pem, dir.resolve("old-screen.key"));
        assertThat(runFor(20, tls("--cert", pem.toString(), "--destination", "bar"))).isEqualTo(1);
        assertThat(err.lines()).containsExactly("redcoral-edge kds: the node would refuse this display: its "
                + "certificate " + pem + " expired at " + old.certificate().getNotAfter().toInstant());
        assertThat(out.lines()).isEmpty();
    }

    @Test
    void aNodeWhoseCertificateItDoesNotTrustExitsOne() throws Exception {
        CertificateAuthority foreign = CertificateAuthority.create("Another store", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Path otherCa = dir.resolve("other-ca.pem");
        foreign.write(otherCa, dir.resolve("other-ca.key"));
        assertThat(runFor(20, "--url", node.networkUrl().toString(), "--ca", otherCa.toString(),
                "--cert", certs.adminPem().toString(), "--destination", "bar")).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().startsWith("redcoral-edge kds: the node refused this "
                + "display: TLS handshake failed: this display does not trust the node's certificate (");
    }

    // ---- helpers

    /** Runs the display and waits up to {@code seconds} for its end: one that tries again for ever fails here. */
    private int runFor(int seconds, String... args) throws Exception {
        kds.start(args);
        return kds.exit(seconds);
    }

    /** The node's network URL and the store CA, then {@code more}. */
    private String[] tls(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--url", node.networkUrl().toString(),
                "--ca", certs.caPem().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private Cert issue(CertificateAuthority by, String name, Role role, String destination) {
        CertificateAuthority.Issued issued = by.issueTerminal(name, role, destination, now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Path pem = dir.resolve("clients").resolve(name + ".pem");
        Path key = dir.resolve("clients").resolve(name + ".key");
        issued.write(pem, key);
        return new Cert(pem, key, TerminalSubject.serial(issued.certificate()));
    }

    private JsonObject token(String name, String role, String destination) {
        JsonObject issued = node.request(Addresses.TOKENS_ISSUE, new JsonObject().put("name", name).put("role", role)
                .put("destination_id", destination));
        assertThat(issued.getBoolean("success")).as("%s", issued).isTrue();
        return issued;
    }

    private BridgeConnection connect(BridgeOptions options) {
        return BridgeConnection.connect(node.vertx(), BridgeConnection.bridgeUri(node.networkUrl()), options).await();
    }

    private static JsonObject request(BridgeConnection connection, String address, JsonObject body) {
        JsonObject reply = connection.request(address, body, Duration.ofSeconds(10)).await();
        assertThat(reply.getBoolean("success")).as("%s", reply).isTrue();
        return reply;
    }

    private static JsonObject ticket(String destination, String ticketId) {
        return new JsonObject().put("destination_id", destination).put("ticket_id", ticketId);
    }

    private String open(String table) {
        JsonObject reply = node.send(ClientTestNode.openTable(table));
        assertThat(reply.getBoolean("success")).as("%s", reply).isTrue();
        return reply.getString("order_id");
    }

    /** Rings up espressos and answers the bar's new ticket's id. */
    private String espressos(String orderId, int quantity) throws InterruptedException {
        JsonObject reply = node.send(ClientTestNode.addItems(orderId, "espresso", quantity));
        assertThat(reply.getBoolean("success")).as("%s", reply).isTrue();
        while (true) {
            JsonObject change = barChanges.poll(10, TimeUnit.SECONDS);
            assertThat(change).as("a new ticket of the bar within 10 s").isNotNull();
            if (change.getString("change").equals("CREATED")) {
                return change.getJsonObject("ticket").getString("ticket_id");
            }
        }
    }
}
