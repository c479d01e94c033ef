package com.redcoral.edge.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.access.Role;
import com.redcoral.edge.certs.CertificateAuthority;
import com.redcoral.edge.certs.TerminalSubject;
import com.redcoral.edge.node.Addresses;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal suite on the network listener, each terminal with a client certificate of its own
 * ({@code CN=till-n, OU=terminal}) that the store CA signed — made here with {@link CertificateAuthority},
 * as {@code certs/make-certs terminal --role terminal} makes one for a store.
 */
@Timeout(60)
class CertificateTerminalTest extends NetworkTerminalSuite {

    /** A terminal's certificate files, and its serial number (what a revocation names). */
    private record Certificate(Path pem, Path key, String serial) { }

    private final Map<String, Certificate> certificates = new HashMap<>();

    @Override
    BridgeOptions withCredential(BridgeOptions options, String name) {
        Certificate certificate = certificates.computeIfAbsent(name, this::issue);
        return options.withCertificate(certificate.pem(), certificate.key());
    }

    private Certificate issue(String name) {
        CertificateAuthority ca = CertificateAuthority.load(certificates().caPem(), certificates().caKey());
        Instant now = Instant.now();
        CertificateAuthority.Issued issued = ca.issueTerminal(name, Role.TERMINAL, null, now.minusSeconds(60),
                now.plus(Duration.ofDays(1)));
        Path pem = dir.resolve("terminals").resolve(name + ".pem");
        Path key = dir.resolve("terminals").resolve(name + ".key");
        issued.write(pem, key);
        return new Certificate(pem, key, TerminalSubject.serial(issued.certificate()));
    }

    @Override
    void revoke(String name) {
        JsonObject revoked = node.request(Addresses.CERTIFICATES_REVOKE,
                new JsonObject().put("serial", certificates.get(name).serial()).put("reason", "till stolen"));
        assertThat(revoked.getBoolean("success")).as("%s", revoked).isTrue();
    }

    @Override
    String source() {
        return "certificate";
    }

    @Override
    String refusedAtTheStart() {
        return "ACCESS_DENIED"; // the WebSocket upgrade is answered 403
    }
}
