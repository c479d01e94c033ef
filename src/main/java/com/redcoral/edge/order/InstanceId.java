package com.redcoral.edge.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The content address of an order line: what makes two units of a product interchangeable.
 *
 * <p>Algorithm (version 1, fixed forever — stored events carry these ids):
 * <pre>
 *   field(s)    = "-" when absent, else (UTF-8 byte length of s) + ":" + s
 *   canonical   = "1" + "|" + field(product_id) + "|" + price + "|" + discount_percent
 *                 + "|" + n + "|" + field(option_1) + … + field(option_n)
 *                 + "|" + field(spec) + "|" + field(note)
 *   instance_id = the first 16 lowercase hex digits of SHA-256(UTF-8(canonical))
 * </pre>
 * {@code price} is the decimal integer of minor units, {@code discount_percent} its plain decimal
 * without trailing zeros ({@code 0}, {@code 12.5}); options are a set: each put in Unicode
 * normalisation form C and trimmed, blank ones dropped, duplicates removed, sorted by code point.
 * {@code spec} and {@code note} are put in form C, trimmed, and absent when blank. The name is
 * not part of the address.
 */
public final class InstanceId {

    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private InstanceId() {}

    public static String of(String productId, long price, Percent discount, List<String> options,
                            String spec, String note) {
        List<String> set = normalizeOptions(options);
        StringBuilder canonical = new StringBuilder("1|").append(field(productId))
                .append('|').append(price)
                .append('|').append(discount.value().toPlainString())
                .append('|').append(set.size()).append('|');
        set.forEach(option -> canonical.append(field(option)));
        canonical.append('|').append(field(normalizeText(spec)))
                .append('|').append(field(normalizeText(note)));
        return HEX.formatHex(sha256(canonical.toString()), 0, 8);
    }

    /** Options as the set the address uses: trimmed, non-blank, distinct, in code point order. */
    public static List<String> normalizeOptions(List<String> options) {
        if (options == null) {
            return List.of();
        }
        return options.stream().map(o -> Normalizer.normalize(o, Normalizer.Form.NFC).strip())
                .filter(o -> !o.isEmpty())
                .distinct().sorted(CODE_POINT_ORDER).toList();
    }

    /** Free text as the address uses it: trimmed, and absent when blank. */
    public static String normalizeText(String text) {
        if (text == null) {
            return null;
        }
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFC).strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static String field(String value) {
        return value == null ? "-" : value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
