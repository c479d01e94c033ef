package com.redcoral.edge.access;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is at the other end of a connection, as the node established it: from the TLS session's client
 * certificate, from a terminal token, or from the loopback listener's configured role.
 *
 * @param name        the terminal's name (a certificate's {@code CN}, a token's name, {@code loopback})
 * @param role        what it may do
 * @param destination the print destination a kitchen display shows; null for the other roles
 * @param source      how the node knows
 * @param credential  which credential: a certificate's serial number (hex), a token's id; null on loopback
 *                    and in process
 */
public record Identity(String name, Role role, String destination, Source source, String credential) {

    /** How the node knows who is there; {@code IN_PROCESS} is a caller inside the node's JVM (no bridge). */
    public enum Source {
        CERTIFICATE, TOKEN, LOOPBACK, IN_PROCESS;

        /** The wire name: {@code certificate}, {@code token}, {@code loopback}, {@code in_process}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A caller inside the node's JVM: it reaches the bus without the bridge, so it can do anything. */
    public static final Identity IN_PROCESS = new Identity("in-process", Role.ADMIN, null, Source.IN_PROCESS, null);

    public Identity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        if ((role == Role.KITCHEN) != (destination != null)) {
            throw new IllegalArgumentException(role == Role.KITCHEN
                    ? "a kitchen identity needs its print destination" : "only a kitchen identity has a destination");
        }
    }

    /**
     * How it reads in a log line, and in the {@code redcoral-identity} header the node stamps on what a bridge
     * socket sends (so in a kitchen ticket's {@code bumped_by}): {@code till-2 (terminal, token 8f3a1c0d5e7b9a21)},
     * {@code grill (kitchen of kitchen, certificate 5a1f03c2…)}, {@code loopback (admin, loopback)}.
     */
    @Override
    public String toString() {
        return name + " (" + role.wireName() + (destination == null ? "" : " of " + destination) + ", "
                + source.wireName() + (credential == null ? "" : " " + credential) + ")";
    }

    private static final Pattern DESCRIBED = Pattern.compile(
            "(.+) \\((?:terminal|kitchen|admin)(?: of [^,]+)?, (?:certificate|token|loopback|in_process)(?: [^ ()]+)?\\)");

    /**
     * The name in an identity as {@link #toString} writes it ({@code grill (kitchen of kitchen, token 8f3a…)} →
     * {@code grill}), for a line a person reads; any other text (such as {@code in-process}) as it is.
     */
    public static String nameIn(String described) {
        if (described == null) {
            return null;
        }
        Matcher matcher = DESCRIBED.matcher(described);
        return matcher.matches() ? matcher.group(1) : described;
    }
}
