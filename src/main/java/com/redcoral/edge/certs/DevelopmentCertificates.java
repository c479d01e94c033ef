package com.redcoral.edge.certs;

import com.redcoral.edge.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout of {@code tls.certs_dir} — {@code ca.pem} (the store CA), {@code ca.key}, {@code node.pem} (the
 * node's certificate chain), {@code node.key} — and the development certificates a first start makes there
 * when {@code ca.pem} is missing, with an admin client certificate ({@code admin.pem}/{@code admin.key},
 * {@code CN=admin-cli}, {@code OU=admin}) for the admin CLI. {@code certs/make-certs} makes the same
 * layout for a real store.
 */
public record DevelopmentCertificates(Path dir) {

    /** The admin client certificate's name. */
    public static final String ADMIN_NAME = "admin-cli";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration NODE_VALIDITY = Duration.ofDays(825);
    private static final Duration TERMINAL_VALIDITY = Duration.ofDays(825);

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path caKey() {
        return dir.resolve("ca.key");
    }

    public Path nodePem() {
        return dir.resolve("node.pem");
    }

    public Path nodeKey() {
        return dir.resolve("node.key");
    }

    public Path adminPem() {
        return dir.resolve("admin.pem");
    }

    public Path adminKey() {
        return dir.resolve("admin.key");
    }

    /**
     * Makes development certificates when there is no {@code ca.pem} yet and says so (true); otherwise
     * checks that the node's certificate and key are there (false). The node's certificate names
     * {@link #hostNames this machine}. {@code ca.pem} is written last, so a start interrupted half-way
     * makes them all again next time.
     */
    public boolean prepare(String configuredHost, Instant now) {
        if (Files.exists(caPem())) {
            for (Path needed : List.of(nodePem(), nodeKey())) {
                if (!Files.isRegularFile(needed)) {
                    throw new IllegalStateException(dir + " holds ca.pem but no " + needed.getFileName()
                            + ": make the node's certificate with `certs/make-certs node --dir " + dir
                            + " --host <host name>`, or move the folder away to get development certificates");
                }
            }
            return false;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
        Instant from = now.minus(Duration.ofMinutes(5)); // tolerate a terminal whose clock is a little behind
        CertificateAuthority ca = CertificateAuthority.create("RedCoral Edge development CA " + now.getEpochSecond(),
                from, now.plus(CA_VALIDITY));
        ca.issueNode("RedCoral Edge node", hostNames(configuredHost), from, now.plus(NODE_VALIDITY))
                .write(nodePem(), nodeKey());
        ca.issueTerminal(ADMIN_NAME, Role.ADMIN, null, from, now.plus(TERMINAL_VALIDITY)).write(adminPem(), adminKey());
        ca.write(caPem(), caKey());
        return true;
    }

    /**
     * The names a node's certificate carries: {@code localhost}, {@code 127.0.0.1}, {@code ::1}, the
     * machine's host name, the configured host when it is a specific one (not {@code 0.0.0.0} or {@code ::}),
     * and every address of the machine's network interfaces that are up (IPv6 link-local ones left out:
     * they need a scope no certificate can name).
     */
    public static Set<String> hostNames(String configuredHost) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // A machine whose own name does not resolve: its addresses below still count.
        }
        if (configuredHost != null && !configuredHost.equals("0.0.0.0") && !configuredHost.equals("::")) {
            names.add(configuredHost);
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet6Address && address.isLinkLocalAddress()) {
                        continue;
                    }
                    names.add(InetAddress.getByAddress(address.getAddress()).getHostAddress());
                }
            }
        } catch (SocketException | UnknownHostException e) {
            // No interfaces to list: the loopback names above still let the machine itself in.
        }
        names.remove("0:0:0:0:0:0:0:1"); // ::1 as Java spells it, named above
        return names;
    }
}
