package com.redcoral.edge.access;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may talk to a listener: a browser names the page that opens a connection or makes a
 * request in its {@code Origin} header. A page of the listener's own origin (its scheme, one of the names
 * it answers to, its port) or of a configured {@code tls.allowed_origins} entry may; any other — a page of
 * some other site that a browser on the node's machine or the store's network happens to show — may not,
 * so it cannot drive the bridge or the HTTP API with that browser's access. A request without
 * {@code Origin} comes from no web page (a terminal, the CLI, curl) and is not a cross-site request.
 *
 * <p>The listener's own names are fixed (the loopback names, or the node certificate's names), not taken
 * from the request's {@code Host} header: a site that points its own DNS name at the node (DNS rebinding)
 * is still another origin.
 */
public final class WebOrigins {

    private final String scheme;
    private final Set<String> hosts;
    private final Set<String> allowed;

    /**
     * @param scheme         {@code http} or {@code https}, as the listener speaks
     * @param ownHosts       the names and addresses the listener answers to
     * @param allowedOrigins further origins, {@code scheme://host[:port]}; IllegalArgumentException naming
     *                       one that is not
     */
    public WebOrigins(String scheme, Collection<String> ownHosts, Collection<String> allowedOrigins) {
        this.scheme = scheme;
        this.hosts = ownHosts.stream().map(WebOrigins::host).collect(Collectors.toUnmodifiableSet());
        this.allowed = allowedOrigins.stream().map(origin -> {
            String normalized = normalize(origin);
            if (normalized == null) {
                throw new IllegalArgumentException("tls.allowed_origins: " + origin
                        + " is not a web origin (scheme://host or scheme://host:port)");
            }
            return normalized;
        }).collect(Collectors.toUnmodifiableSet());
    }

    /** What a request's {@code Origin} makes of it. */
    public enum Decision {
        /** No {@code Origin}: not from a web page. */
        NONE,
        /** A page of the listener itself. */
        OWN,
        /** A page of another origin that {@code tls.allowed_origins} lets in (a cross-origin request). */
        ALLOWED,
        /** Any other page, or an origin that cannot be read ({@code null} from a sandboxed page or a file). */
        REFUSED
    }

    /** What to do with a request carrying {@code origin} (null: none) on a listener at {@code port}. */
    public Decision decide(String origin, int port) {
        if (origin == null) {
            return Decision.NONE;
        }
        String normalized = normalize(origin);
        if (normalized == null) {
            return Decision.REFUSED;
        }
        if (normalized.equals(own(normalized, port))) {
            return Decision.OWN;
        }
        return allowed.contains(normalized) ? Decision.ALLOWED : Decision.REFUSED;
    }

    /** The listener's own origin with the host of {@code normalized}, when that host is one of its names. */
    private String own(String normalized, int port) {
        URI uri = URI.create(normalized);
        String host = host(uri.getHost());
        return hosts.contains(host) ? normalize(scheme + "://" + bracketed(uri.getHost()) + ":" + port) : null;
    }

    /** {@code scheme://host[:port]}, lower case, default port left out, IP literals in one spelling; null if no origin. */
    static String normalize(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null
                || uri.getRawUserInfo() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + bracketed(host(uri.getHost())) + (defaultPort ? "" : ":" + port);
    }

    /** A host in one spelling: names in lower case, IP literals as Java prints them, no IPv6 brackets. */
    private static String host(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":") || bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                return InetAddress.getByName(bare).getHostAddress(); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                return bare.toLowerCase(Locale.ROOT);
            }
        }
        return bare.toLowerCase(Locale.ROOT);
    }

    private static String bracketed(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.contains(":") ? "[" + bare + "]" : bare;
    }
}
