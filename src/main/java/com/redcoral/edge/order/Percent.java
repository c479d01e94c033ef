package com.redcoral.edge.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;

/**
 * A percentage from 0 to 100 with at most two decimals ({@code discount_percent},
 * {@code surcharge_percent}). Held normalised (trailing zeros stripped) so that equal values are
 * equal records and serialise the same way: {@code 50}, {@code 12.5}, {@code 7.25}.
 */
public record Percent(BigDecimal value) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    public static final Percent ZERO = new Percent(BigDecimal.ZERO);

    public Percent {
        if (value == null) {
            throw new IllegalArgumentException("must be a number from 0 to 100");
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("must be from 0 to 100, was " + value.toPlainString());
        }
        BigDecimal normal = value.stripTrailingZeros();
        if (normal.scale() > 2) {
            throw new IllegalArgumentException("must have at most two decimals, was " + value.toPlainString());
        }
        value = normal.scale() < 0 ? normal.setScale(0) : normal;
    }

    @JsonCreator
    public static Percent of(BigDecimal value) {
        return new Percent(value);
    }

    public static Percent of(long whole) {
        return new Percent(BigDecimal.valueOf(whole));
    }

    public static Percent parse(String text) {
        return new Percent(new BigDecimal(text));
    }

    @JsonValue
    @Override
    public BigDecimal value() {
        return value;
    }

    /** The percentage in hundredths of a percent: 12.5 % is 1250. Exact by construction. */
    public long basisPoints() {
        return value.movePointRight(2).longValueExact();
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public String toString() {
        return value.toPlainString() + "%";
    }
}
