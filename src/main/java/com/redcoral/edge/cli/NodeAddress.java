package com.redcoral.edge.cli;

import com.redcoral.edge.client.BridgeConnection;
import com.redcoral.edge.client.BridgeOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a command-line terminal ({@code admin}, {@code kds}) finds its node and how it proves who it
 * is: the node's URL, and for {@code https} the store CA to trust and either a client certificate or
 * a terminal token. A picocli mixin, so every such command takes the same options.
 *
 * <p>{@code http://127.0.0.1:8080} (the default) is the loopback listener, whose role the node's
 * settings give; {@code https://host:8443} is the network listener, where a certificate or a token
 * is required.
 */
public final class NodeAddress {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "The node: http://127.0.0.1:PORT (loopback listener) or https://HOST:PORT "
                    + "(network listener; needs --ca and --cert or --token). Default: ${DEFAULT-VALUE}.")
    URI url;

    @Option(names = "--ca", paramLabel = "PEM",
            description = "The store CA's certificate (the node's ca.pem), trusted for https.")
    Path ca;

    @ArgGroup(exclusive = true)
    Credential credential;

    static final class Credential {
        @Option(names = "--cert", paramLabel = "PEM",
                description = "This terminal's client certificate (PEM); its key is --key, or the same name "
                        + "ending in .key.")
        Path certificate;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "A terminal token (rct_…) issued by an admin; or @FILE to read it from a file.")
        String token;
    }

    @Option(names = "--key", paramLabel = "PEM", description = "The private key (PEM) of --cert.")
    Path key;

    /**
     * The bridge options these settings make. IllegalArgumentException, naming the option, for a
     * combination that cannot work (a certificate over plain http, https without a CA, a missing file).
     */
    BridgeOptions options(BridgeOptions base) {
        boolean tls = "https".equals(url.getScheme());
        if (!tls && !"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url: expected http://… or https://…, not " + url);
        }
        BridgeOptions options = base;
        if (tls) {
            if (ca == null) {
                throw new IllegalArgumentException("--ca: an https node needs the store CA's certificate (ca.pem)");
            }
            options = options.withTrust(existing(ca, "--ca"));
        } else if (ca != null || (credential != null && credential.certificate != null)) {
            throw new IllegalArgumentException("--ca and --cert need an https:// --url");
        }
        if (credential != null && credential.certificate != null) {
            Path keyFile = key != null ? key : sibling(credential.certificate);
            options = options.withCertificate(existing(credential.certificate, "--cert"), existing(keyFile, "--key"));
        } else if (key != null) {
            throw new IllegalArgumentException("--key goes with --cert");
        }
        if (credential != null && credential.token != null) {
            options = options.withToken(token(credential.token));
        }
        return options;
    }

    /** Connects to the node's bridge with these settings. */
    Future<BridgeConnection> connect(Vertx vertx, BridgeOptions base) {
        BridgeOptions options;
        try {
            options = options(base);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return BridgeConnection.connect(vertx, BridgeConnection.bridgeUri(url), options);
    }

    private static String token(String given) {
        if (!given.startsWith("@")) {
            return given;
        }
        Path file = existing(Path.of(given.substring(1)), "--token");
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--token: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path sibling(Path certificate) {
        String name = certificate.getFileName().toString();
        String base = name.endsWith(".pem") || name.endsWith(".crt") ? name.substring(0, name.length() - 4) : name;
        return certificate.resolveSibling(base + ".key");
    }

    private static Path existing(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": cannot read " + file);
        }
        return file;
    }
}
