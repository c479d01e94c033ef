package com.redcoral.edge.cli;

import static com.redcoral.edge.cli.AdminRunner.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.access.Role;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.DevelopmentCertificates;
import com.redcoral.edge.certs.TerminalSubject;
import com.redcoral.edge.cli.AdminRunner.Run;
import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin CLI across the network: a real node's TLS listener ({@code https://127.0.0.1:PORT}), the store CA
 * its first start made, and the CLI coming in as an admin with the development admin certificate
 * ({@code admin.pem}, {@code CN=admin-cli}) or with an admin terminal token — who the node takes it for, the
 * terminals it sees by identity, who the node records as having issued and revoked credentials, and the
 * refusals: a terminal's certificate on an admin command, a revoked or unknown token, a revoked certificate,
 * no credentials at all, another store's CA or certificate.
 */
@Timeout(120)
class AdminCliNetworkTest {

    /** A time as the CLI prints it. */
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    /** Every connection of these tests comes from this machine. */
    private static final String FROM = " on network from 127\\.0\\.0\\.1:\\d+ since " + TIME;
    private static final String NEEDS_ADMIN = " may not use it; the admin commands need an admin connection "
            + "(an admin certificate or token)";

    @TempDir
    Path dir;

    private ClientTestNode node;
    private DevelopmentCertificates certs;
    private CertificateAuthority ca;
    private String url;
    /** The development admin certificate's serial: its credential in the node's records. */
    private String adminSerial;
    private final AdminRunner cli = new AdminRunner();
    private final Vertx terminalSide = Vertx.vertx();
    private final List<BridgeConnection> terminals = new ArrayList<>();

    /** A client certificate made for a test terminal with the store CA. */
    private record Cert(Path pem, String serial) {}

    @BeforeEach
    void start() throws Exception {
        node = ClientTestNode.networked(dir.resolve("node"));
        certs = new DevelopmentCertificates(node.certsDir());
        ca = CertificateAuthority.load(certs.caPem(), certs.caKey());
        url = node.networkUrl().toString();
        adminSerial = TerminalSubject.serial(CertificateAuthority.readCertificates(certs.adminPem()).getFirst());
    }

    @AfterEach
    void stop() {
        try {
            terminals.forEach(t -> t.close().await());
            terminalSide.close().await();
        } finally {
            node.close();
        }
    }

    @Test
    void statusShowsTheAdminCertificateAndTheTerminalsByIdentityAndATokenIsIssuedInItsName() {
        assertThat(url).matches("https://127\\.0\\.0\\.1:\\d+");
        Run issued = withCertificate(certs.adminPem(), "tokens", "issue", "--name", "till-2", "--role", "terminal");
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(issued.out()).containsPattern("issued     " + TIME + " by "
                + Pattern.quote("admin-cli (admin, certificate " + adminSerial + ")") + System.lineSeparator());
        String token = issued.out().lines().findFirst().orElseThrow().substring("token      ".length());
        String tokenId = token.split("_")[1];

        Cert till1 = terminalCertificate("till-1", Role.TERMINAL);
        connect(BridgeOptions.defaults().withTrust(certs.caPem()).withCertificate(till1.pem(), key(till1.pem())));
        connect(BridgeOptions.defaults().withTrust(certs.caPem()).withToken(token));
        awaitConnected("till-1", "till-2"); // and the CLI's earlier connection gone

        Run status = withCertificate(certs.adminPem(), "status");

        assertThat(status.exit()).as(status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        assertThat(lines.subList(0, 4)).containsExactly(
                "caller     admin-cli (admin, certificate)",
                "node       primary, serving, sequence 0",
                "orders     0 active",
                "terminals  3 connected");
        assertThat(lines.subList(4, lines.size())).satisfiesExactly( // oldest first, the CLI's own last
                l -> assertThat(l).matches("  till-1 \\(terminal, certificate\\) " + till1.serial() + FROM),
                l -> assertThat(l).matches("  till-2 \\(terminal, token\\) " + tokenId + FROM),
                l -> assertThat(l).matches("  admin-cli \\(admin, certificate\\) " + adminSerial + FROM));
        assertThat(status.err()).isEmpty();

        JsonObject json = withCertificate(certs.adminPem(), "status", "--json").json();
        assertThat(json.getJsonObject("identity")).isEqualTo(new JsonObject().put("success", true)
                .put("name", "admin-cli").put("role", "admin").putNull("destination_id").put("source", "certificate"));
        JsonObject first = json.getJsonObject("connections").getJsonArray("connections").getJsonObject(0);
        assertThat(first.getString("name")).isEqualTo("till-1");
        assertThat(first.getString("listener")).isEqualTo("network");
        assertThat(first.getString("credential")).isEqualTo(till1.serial());
    }

    @Test
    void anAdminTokenDoesWhatTheCertificateDoesAndTheNodeRecordsItsIdentity() throws Exception {
        JsonObject issued = withCertificate(certs.adminPem(), "tokens", "issue", "--name", "ops-laptop", "--role", "admin",
                "--json").json();
        assertThat(issued.getString("issued_by")).isEqualTo("admin-cli (admin, certificate " + adminSerial + ")");
        Path tokenFile = Files.writeString(dir.resolve("ops-laptop.token"), issued.getString("token") + "\n");
        String opsLaptop = "ops-laptop (admin, token " + issued.getString("token_id") + ")";

        Run status = withToken("@" + tokenFile, "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).startsWith(lines("caller     ops-laptop (admin, token)"))
                .containsPattern("  ops-laptop \\(admin, token\\) " + issued.getString("token_id") + FROM);

        Run till = withToken(issued.getString("token"), "tokens", "issue", "--name", "till-3", "--role", "terminal");
        assertThat(till.exit()).as(till.err()).isZero();
        assertThat(till.out()).containsPattern("issued     " + TIME + " by " + Pattern.quote(opsLaptop));
        Run revoked = withToken("@" + tokenFile, "certificates", "revoke", "1F:A0:33", "--reason", "till stolen");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).matches("certificate 1fa033 revoked " + TIME + " by " + Pattern.quote(opsLaptop)
                + " \\(\"till stolen\"\\)" + System.lineSeparator());

        Run list = withCertificate(certs.adminPem(), "tokens", "list");
        assertThat(list.out())
                .containsPattern("ops-laptop +admin +- +" + TIME + " +" + Pattern.quote("admin-cli (admin, certificate "
                        + adminSerial + ")"))
                .containsPattern("till-3 +terminal +- +" + TIME + " +" + Pattern.quote(opsLaptop))
                .endsWith(lines("2 tokens, 2 in force"));
        JsonObject listed = withToken(issued.getString("token"), "certificates", "list", "--json").json();
        assertThat(listed.getJsonArray("certificates").getJsonObject(0).getString("revoked_by")).isEqualTo(opsLaptop);
    }

    @Test
    void aTerminalCertificateIsRefusedTheAdminCommandsNamingWhoItIs() {
        Cert till1 = terminalCertificate("till-1", Role.TERMINAL);

        Run issue = withCertificate(till1.pem(), "tokens", "issue", "--name", "mine", "--role", "admin");

        assertThat(issue.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(issue.out()).isEmpty();
        assertThat(issue.err()).isEqualTo(lines("admin tokens issue: the node refused pos.admin.tokens.issue: rejected: "
                + "till-1 (terminal, certificate)" + NEEDS_ADMIN));
        assertThat(node.request(Addresses.TOKENS_LIST, new JsonObject()).getJsonArray("tokens")).isEmpty();

        Run status = withCertificate(till1.pem(), "status");
        assertThat(status.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(status.out()).isEmpty();
        assertThat(status.err()).isEqualTo(lines("admin status: the node refused pos.admin.connections: rejected: "
                + "till-1 (terminal, certificate)" + NEEDS_ADMIN));
    }

    @Test
    void aRevokedOrUnknownTokenIsRefusedTheConnection() {
        JsonObject issued = withCertificate(certs.adminPem(), "tokens", "issue", "--name", "ops-laptop", "--role", "admin",
                "--json").json();
        String token = issued.getString("token");
        assertThat(withToken(token, "status").exit()).isZero();
        assertThat(withCertificate(certs.adminPem(), "tokens", "revoke", issued.getString("token_id")).exit()).isZero();

        String refused = lines("admin status: the node at " + url + " refused the connection: AUTHENTICATION_FAILED: "
                + "the token is unknown, malformed or revoked");
        Run revoked = withToken(token, "status");
        assertThat(revoked.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(revoked.out()).isEmpty();
        assertThat(revoked.err()).isEqualTo(refused);

        Run unknown = withToken("rct_0123456789abcdef_" + "A".repeat(43), "status");
        assertThat(unknown.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(unknown.err()).isEqualTo(refused);
    }

    @Test
    void aRevokedCertificateAndNoCredentialsAtAllAreRefused() {
        Cert laptop = terminalCertificate("manager-laptop", Role.ADMIN);
        assertThat(withCertificate(laptop.pem(), "status").out()).startsWith(lines("caller     manager-laptop (admin, certificate)"));
        Run revoke = withCertificate(certs.adminPem(), "certificates", "revoke", laptop.serial(), "--reason", "lost");
        assertThat(revoke.exit()).as(revoke.err()).isZero();

        Run revoked = withCertificate(laptop.pem(), "status");
        assertThat(revoked.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(revoked.err()).isEqualTo(lines("admin status: the node at " + url + " refused the connection: "
                + "ACCESS_DENIED: the certificate " + laptop.serial() + " of manager-laptop is revoked"));

        Run anonymous = cli.run("admin", "status", "--url", url, "--ca", certs.caPem().toString());
        assertThat(anonymous.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(anonymous.err()).isEqualTo(lines("admin status: the node refused pos.auth.identity: auth_required: "
                + "the network listener takes a client certificate (--cert) or a terminal token (--token)"));
    }

    @Test
    void anotherStoresCaIsNotTrustedNorIsACertificateItSigned() {
        Instant now = Instant.now();
        CertificateAuthority other = CertificateAuthority.create("Another store", now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Path otherCa = dir.resolve("other/ca.pem");
        other.write(otherCa, dir.resolve("other/ca.key"));

        Run untrusted = cli.run("admin", "status", "--url", url, "--ca", otherCa.toString(), "--cert",
                certs.adminPem().toString());

        assertThat(untrusted.exit()).isEqualTo(AdminCommand.UNREACHABLE);
        assertThat(untrusted.out()).isEmpty();
        assertThat(untrusted.err()).startsWith("admin status: cannot reach the node at " + url + ": ")
                .contains("SSLHandshakeException");

        Path intruder = dir.resolve("other/intruder.pem");
        other.issueTerminal("intruder", Role.ADMIN, null, now.minusSeconds(60), now.plus(Duration.ofDays(1)))
                .write(intruder, key(intruder));
        Run foreign = withCertificate(intruder, "status"); // TLS does not offer it: the node sees no certificate
        assertThat(foreign.exit()).isEqualTo(AdminCommand.REFUSED);
        assertThat(foreign.err()).isEqualTo(lines("admin status: the node refused pos.auth.identity: auth_required: "
                + "the node did not take --cert, which the store CA did not sign; use a certificate of the store CA or "
                + "a terminal token (--token)"));
    }

    // ---------------------------------------------------------------------------- helpers

    private Run withCertificate(Path pem, String... args) {
        return admin(List.of("--cert", pem.toString()), args);
    }

    private Run withToken(String token, String... args) {
        return admin(List.of("--token", token), args);
    }

    /** {@code admin ARGS --url https://… --ca ca.pem CREDENTIAL}. */
    private Run admin(List<String> credential, String... args) {
        List<String> line = new ArrayList<>(List.of("admin"));
        line.addAll(List.of(args));
        line.addAll(List.of("--url", url, "--ca", certs.caPem().toString()));
        line.addAll(credential);
        return cli.run(line.toArray(String[]::new));
    }

    private Cert terminalCertificate(String name, Role role) {
        Instant now = Instant.now();
        CertificateAuthority.Issued issued = ca.issueTerminal(name, role, null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Path pem = dir.resolve("clients").resolve(name + ".pem");
        issued.write(pem, key(pem));
        return new Cert(pem, TerminalSubject.serial(issued.certificate()));
    }

    private static Path key(Path pem) {
        return pem.resolveSibling(pem.getFileName().toString().replace(".pem", ".key"));
    }

    /** A terminal connected on its own Vert.x, known to the node once it answered who it is. */
    private void connect(BridgeOptions options) {
        BridgeConnection terminal = BridgeConnection.connect(terminalSide,
                BridgeConnection.bridgeUri(node.networkUrl()), options).await();
        terminals.add(terminal);
        assertThat(terminal.request(Addresses.AUTH_IDENTITY, new JsonObject(), Duration.ofSeconds(10)).await()
                .getBoolean("success")).isTrue();
    }

    /**
     * Waits until the node's connections are exactly these names, oldest first: a connection the CLI closed
     * is gone once the node has seen it close, a moment after the command ended.
     */
    private void awaitConnected(String... names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> connected;
        do {
            connected = node.request(Addresses.ADMIN_CONNECTIONS, new JsonObject()).getJsonArray("connections")
                    .stream().map(c -> ((JsonObject) c).getString("name")).toList();
            if (connected.equals(List.of(names))) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // between two looks, not a guess at timing
        } while (System.nanoTime() < deadline);
        throw new AssertionError("connected after 10 s: " + connected + ", not " + List.of(names));
    }
}
