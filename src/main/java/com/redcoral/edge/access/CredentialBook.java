package com.redcoral.edge.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's terminal tokens and revoked certificates: issues and revokes them (writing through its
 * {@link CredentialStore} before the change counts) and answers the listener's questions from memory.
 *
 * <p>A token reads {@code rct_<token id: 16 hex>_<secret: 32 random bytes, base64url>}. Only the
 * secret's SHA-256 is kept and compared in constant time; a token is 256 random bits, so a slow hash
 * (as for 4-digit PINs) would add nothing. Changes come from one thread at a time (they are
 * synchronized); lookups may come from any thread.
 */
public final class CredentialBook implements Credentials {

    private static final Pattern TOKEN = Pattern.compile("rct_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final Pattern SERIAL = Pattern.compile("[0-9a-fA-F]{1,40}");

    private final CredentialStore store;
    private final Map<String, TerminalToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, RevokedCertificate> revoked = new ConcurrentHashMap<>();

    /** A token just issued: what is kept, and the token string to hand to the terminal this once. */
    public record Issued(TerminalToken token, String secret) {
        /** Never the secret: a record's own toString would put it in whatever log line prints this. */
        @Override
        public String toString() {
            return "Issued[token=" + token + ", secret=(hidden)]";
        }
    }

    public CredentialBook(CredentialStore store) {
        this.store = store;
        store.tokens().forEach(t -> tokens.put(t.tokenId(), t));
        store.revokedCertificates().forEach(c -> revoked.put(c.serial(), c));
    }

    /**
     * A new token for a terminal called {@code name} with {@code role} (and, for a kitchen display, the
     * print destination it shows). IllegalArgumentException, naming the field, for a bad name or a
     * destination where none belongs or missing where one does.
     */
    public synchronized Issued issue(String name, Role role, String destinationId, String issuedBy, long now,
                                     RandomGenerator random) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name: 1 to 64 letters, digits, spaces, dots, dashes or underscores,"
                    + " starting with a letter or digit");
        }
        if ((role == Role.KITCHEN) != (destinationId != null)) {
            throw new IllegalArgumentException("destination_id: " + (role == Role.KITCHEN
                    ? "a kitchen token needs the print destination it shows" : "only a kitchen token has one"));
        }
        String tokenId;
        do {
            tokenId = HexFormat.of().toHexDigits(random.nextLong());
        } while (tokens.containsKey(tokenId));
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = "rct_" + tokenId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        TerminalToken token = new TerminalToken(tokenId, name, role, destinationId, sha256(secret), now, issuedBy,
                null, null);
        store.put(token);
        tokens.put(tokenId, token);
        return new Issued(token, secret);
    }

    /** Revokes a token; a token revoked before stays as it was. Empty when there is no such token. */
    public synchronized Optional<TerminalToken> revoke(String tokenId, String by, long now) {
        TerminalToken token = tokens.get(tokenId);
        if (token == null || token.revoked()) {
            return Optional.ofNullable(token);
        }
        TerminalToken done = token.revoke(by, now);
        store.put(done);
        tokens.put(tokenId, done);
        return Optional.of(done);
    }

    /**
     * Revokes the certificate with {@code serial} (hex, any case, colons allowed); revoking it again
     * keeps the first record. IllegalArgumentException for something that is not a serial number.
     */
    public synchronized RevokedCertificate revokeCertificate(String serial, String reason, String by, long now) {
        String normalized = serial(serial);
        RevokedCertificate before = revoked.get(normalized);
        if (before != null) {
            return before;
        }
        RevokedCertificate done = new RevokedCertificate(normalized, now, by, reason == null ? "" : reason);
        store.put(done);
        revoked.put(normalized, done);
        return done;
    }

    /** Every token issued, oldest first. */
    public List<TerminalToken> tokens() {
        return tokens.values().stream().sorted(Comparator.comparingLong(TerminalToken::issuedAt)
                .thenComparing(TerminalToken::tokenId)).toList();
    }

    /** Every revoked certificate, in order of revocation. */
    public List<RevokedCertificate> revokedCertificates() {
        return revoked.values().stream().sorted(Comparator.comparingLong(RevokedCertificate::revokedAt)
                .thenComparing(RevokedCertificate::serial)).toList();
    }

    @Override
    public Optional<Identity> token(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher m = TOKEN.matcher(presented);
        if (!m.matches()) {
            return Optional.empty();
        }
        TerminalToken token = tokens.get(m.group(1));
        if (token == null || token.revoked()
                || !MessageDigest.isEqual(ascii(token.secretHash()), ascii(sha256(presented)))) {
            return Optional.empty();
        }
        return Optional.of(token.identity());
    }

    @Override
    public boolean certificateRevoked(String serialHex) {
        return revoked.containsKey(serial(serialHex));
    }

    /** A serial number in the one form kept: lower-case hex without colons or leading zeros. */
    public static String serial(String given) {
        String digits = given == null ? "" : given.replace(":", "");
        if (!SERIAL.matcher(digits).matches()) {
            throw new IllegalArgumentException("serial: expected the certificate's serial number in hex (up to 40 "
                    + "digits, colons allowed)");
        }
        return new BigInteger(digits, 16).toString(16);
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
