package com.redcoral.edge.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code certs/make-certs} (openssl) makes a store's certificates, and a node and its terminals use them. */
@Timeout(120)
class MakeCertsTest {

    private static final Path SCRIPT = Path.of("certs/make-certs");

    @TempDir
    Path dir;

    @Test
    void aStoreMadeByTheScriptServesItsTerminals() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(run("ca", "--dir", certs.toString()).exit()).isZero();
        assertThat(run("node", "--dir", certs.toString(), "--host", "pos.example", "--host", "10.1.2.3").exit()).isZero();
        Run kitchen = run("terminal", "--dir", certs.toString(), "--name", "grill-1", "--role", "kitchen",
                "--destination", "grill");
        assertThat(kitchen.exit()).isZero();
        assertThat(run("terminal", "--dir", certs.toString(), "--name", "till-1", "--role", "terminal").exit()).isZero();
        for (String key : List.of("ca.key", "node.key", "grill-1.key", "till-1.key")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(key)))).as(key)
                    .isEqualTo("rw-------");
        }

        try (TestNode t = TestNode.networked(dir, NodeConfig.defaults().bridge(), List.of()).start()) {
            URI bridge = BridgeConnection.bridgeUri(URI.create(t.node.networkUrl().orElseThrow()));
            BridgeConnection grill = BridgeConnection.connect(t.vertx, bridge, BridgeOptions.defaults()
                    .withTrust(certs.resolve("ca.pem"))
                    .withCertificate(certs.resolve("grill-1.pem"), certs.resolve("grill-1.key"))).await();
            JsonObject who = grill.request(Addresses.AUTH_IDENTITY, new JsonObject(), Duration.ofSeconds(10)).await();
            assertThat(who.getString("name")).isEqualTo("grill-1");
            assertThat(who.getString("role")).isEqualTo("kitchen");
            assertThat(who.getString("destination_id")).isEqualTo("grill");
            assertThat(kitchen.output()).contains("serial " + t.request(Addresses.ADMIN_CONNECTIONS, new JsonObject())
                    .getJsonArray("connections").getJsonObject(0).getString("credential"));

            BridgeConnection till = BridgeConnection.connect(t.vertx, bridge, BridgeOptions.defaults()
                    .withTrust(certs.resolve("ca.pem"))
                    .withCertificate(certs.resolve("till-1.pem"), certs.resolve("till-1.key"))).await();
            assertThat(till.request(Addresses.ORDERS_COMMAND, TestNode.openTable("T1"), Duration.ofSeconds(10)).await()
                    .getBoolean("success")).isTrue();
        }
    }

    @Test
    void theScriptRefusesToReplaceFilesOrGuessWhatIsMeant() throws Exception {
        Path certs = dir.resolve("certs");
        assertThat(run("terminal", "--dir", certs.toString(), "--name", "till-1", "--role", "terminal").output())
                .contains("no store CA");
        assertThat(run("ca", "--dir", certs.toString()).exit()).isZero();
        String ca = Files.readString(certs.resolve("ca.pem"));
        Run again = run("ca", "--dir", certs.toString());
        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("exists; give --force");
        assertThat(Files.readString(certs.resolve("ca.pem"))).isEqualTo(ca);
        assertThat(run("terminal", "--dir", certs.toString(), "--name", "x", "--role", "cook").output())
                .contains("--role must be terminal, admin or kitchen");
        assertThat(run("terminal", "--dir", certs.toString(), "--name", "k", "--role", "kitchen").output())
                .contains("--destination");
        assertThat(run("terminal", "--dir", certs.toString(), "--name", "../x", "--role", "admin").exit()).isNotZero();
        assertThat(run("node", "--dir", certs.toString()).output()).contains("needs --host");
    }

    record Run(int exit, String output) {}

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("make-certs ended within 60 s").isTrue();
            return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}
