package com.redcoral.edge.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** RocksDB keys of the stores here: text prefixes and ids as bytes, and the prefix test of a scan. */
final class Keys {

    private Keys() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code prefix} followed by {@code id}. */
    static byte[] key(byte[] prefix, byte[] id) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + id.length);
        System.arraycopy(id, 0, key, prefix.length, id.length);
        return key;
    }

    /** Whether a key found by a scan from {@code prefix} still has it (the scan's end when not). */
    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
