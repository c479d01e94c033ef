package com.redcoral.edge.order;

import java.math.BigDecimal;

/**
 * The one rounding rule of the store. Money is a {@code long} of minor units (cents) everywhere;
 * the only fractions arise from percentages, and each is rounded once, half up, to a whole cent:
 * <ul>
 *   <li>a line's total is {@code price × quantity × (100 − discount) / 100}, rounded half up per
 *       line (not per unit), so 3 × 0.99 at 50 % is 1.49 (1.485 rounded up);</li>
 *   <li>the surcharge is {@code (subtotal − discounts) × surcharge / 100}, rounded half up once per
 *       order.</li>
 * </ul>
 * Limits keep every intermediate product inside a {@code long}: {@link #MAX_AMOUNT} × {@link
 * #MAX_LINE_QUANTITY} × 10 000 &lt; 2<sup>63</sup> for a line, and {@link #MAX_ORDER_SUBTOTAL} ×
 * 10 000 &lt; 2<sup>63</sup> for an order's surcharge.
 */
public final class Money {

    /** The largest price or amount a command may carry: 10 000 000.00 in major units. */
    public static final long MAX_AMOUNT = 1_000_000_000L;
    /** The largest quantity one command may name for one item. */
    public static final int MAX_QUANTITY = 9_999;
    /** The largest quantity a single order line may reach through repeated additions or merges. */
    public static final int MAX_LINE_QUANTITY = 99_999;

    /** The largest subtotal an order may reach: 10 000 000 000.00 in major units. */
    public static final long MAX_ORDER_SUBTOTAL = 1_000_000_000_000L;

    private static final long BASIS = 10_000;

    private Money() {}

    /** {@code price × quantity} less the discount, rounded half up to a whole minor unit. */
    public static long lineTotal(long price, long quantity, Percent discount) {
        long gross = Math.multiplyExact(price, quantity);
        return roundHalfUp(Math.multiplyExact(gross, BASIS - discount.basisPoints()), BASIS);
    }

    /** {@code percent} of {@code amount}, rounded half up to a whole minor unit. */
    public static long percentOf(long amount, Percent percent) {
        return roundHalfUp(Math.multiplyExact(amount, percent.basisPoints()), BASIS);
    }

    /**
     * How an amount reads for people (receipts, the audit trail, the admin CLI): the minor units as
     * major units with two decimals, {@code 300} as {@code 3.00}, {@code 1234567} as {@code 12345.67}.
     */
    public static String text(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, 2).toPlainString();
    }

    private static long roundHalfUp(long numerator, long denominator) {
        return Math.floorDiv(numerator + denominator / 2, denominator);
    }
}
