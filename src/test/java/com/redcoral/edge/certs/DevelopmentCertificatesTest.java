package com.redcoral.edge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.access.Identity;
import com.redcoral.edge.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentCertificatesTest {

    @TempDir
    Path dir;
    final Instant now = Instant.now();

    @Test
    void aFirstStartMakesASetSignedByOneCaAndLaterStartsKeepIt() {
        DevelopmentCertificates certs = new DevelopmentCertificates(dir.resolve("dev"));
        assertThat(certs.prepare("10.9.8.7", now)).isTrue();
        CertificateAuthority ca = CertificateAuthority.load(certs.caPem(), certs.caKey());
        List<X509Certificate> node = CertificateAuthority.readCertificates(certs.nodePem());
        assertThat(node.get(1)).isEqualTo(ca.certificate());
        assertThat(verifies(node.get(0), ca)).isTrue();
        assertThat(CertificateAuthority.subjectAlternativeNames(node.get(0))).contains("localhost", "10.9.8.7");
        assertThat(verifies(CertificateAuthority.readCertificates(certs.adminPem()).get(0), ca)).isTrue();

        String before = read(certs.caPem());
        assertThat(certs.prepare("10.9.8.7", now.plusSeconds(60))).isFalse();
        assertThat(read(certs.caPem())).isEqualTo(before);
    }

    @Test
    void aCaWithoutTheNodesCertificateIsNamedNotReplaced() throws Exception {
        DevelopmentCertificates certs = new DevelopmentCertificates(dir);
        CertificateAuthority.create("Store", now, now.plus(Duration.ofDays(1))).write(certs.caPem(), certs.caKey());
        assertThatThrownBy(() -> certs.prepare("0.0.0.0", now)).hasMessageContaining("no node.pem")
                .hasMessageContaining("certs/make-certs node");
        assertThat(Files.exists(certs.nodeKey())).isFalse();
    }

    @Test
    void aTerminalsSubjectNamesItsRoleAndTheNodesNamesNone() {
        CertificateAuthority ca = CertificateAuthority.create("Store", now, now.plus(Duration.ofDays(1)));
        X509Certificate grill = ca.issueTerminal("grill 1", Role.KITCHEN, "hot_kitchen", now,
                now.plus(Duration.ofDays(1))).certificate();
        assertThat(TerminalSubject.identity(grill)).isEqualTo(new Identity("grill 1", Role.KITCHEN, "hot_kitchen",
                Identity.Source.CERTIFICATE, grill.getSerialNumber().toString(16)));
        X509Certificate node = ca.issueNode("node", List.of("localhost"), now, now.plus(Duration.ofDays(1)))
                .certificate();
        assertThatThrownBy(() -> TerminalSubject.identity(node)).hasMessageContaining("OU node");
        assertThatThrownBy(() -> TerminalSubject.organizationalUnit(Role.KITCHEN, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean verifies(X509Certificate certificate, CertificateAuthority ca) {
        try {
            certificate.verify(ca.certificate().getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
