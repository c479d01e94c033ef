package com.redcoral.edge.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a connected terminal is: it decides which addresses its bridge socket may send to and receive
 * from. A role comes from the terminal's certificate (its subject's {@code OU}) or its token, never
 * from anything the terminal says about itself.
 */
public enum Role {
    /** A till: orders and the resources it mirrors. */
    TERMINAL,
    /** A kitchen display: the tickets of one print destination. */
    KITCHEN,
    /** The admin CLI or a manager's laptop: every address. */
    ADMIN;

    /** The wire name: {@code terminal}, {@code kitchen}, {@code admin}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a wire name names, or IllegalArgumentException listing the ones there are. */
    public static Role parse(String wireName) {
        return Arrays.stream(values()).filter(r -> r.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role: must be one of "
                        + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "))
                        + ", not " + wireName));
    }
}
