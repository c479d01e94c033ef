package com.redcoral.edge.resource;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An employee PIN kept only as a salted slow hash: PBKDF2 with HMAC-SHA256 from the JDK, written
 * as {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}. A PIN is 4 to 8 digits, so
 * the cost (iterations) is what stands between a copied store and the PINs; it is stored with each
 * hash so it can be raised without invalidating old ones.
 */
public final class PinHash {

    public static final int ITERATIONS = 210_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PinHash() {}

    public static String hash(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(pin, salt, ITERATIONS));
    }

    /** Whether {@code pin} is the PIN {@code stored} was made from; compares in constant time. */
    public static boolean matches(String pin, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + " PIN hash");
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(pin, salt, Integer.parseInt(parts[1])));
    }

    /** Whether {@code value} has the form of a hash this class writes. */
    public static boolean isHash(String value) {
        return value.startsWith(PREFIX + "$") && value.split("\\$").length == 4;
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
