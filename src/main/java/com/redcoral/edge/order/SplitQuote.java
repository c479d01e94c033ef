package com.redcoral.edge.order;

import com.redcoral.edge.order.OrderEvent.SplitLine;
import java.util.List;

/**
 * What a split by items must pay ({@code SPLIT_ORDER} with {@code items}): each line's value of the units
 * chosen, after its discount and rounded per line, and the sum with the order's surcharge on it — the one
 * {@code split_amount} the node accepts for those units. Worked out by {@link OrderDecider#quoteSplit}, the
 * same rule the split itself is decided by, so a till that asks never computes money itself.
 */
public sealed interface SplitQuote {

    /** The units can be paid for: {@code amount} is the split's {@code split_amount}, {@code surcharge} part of it. */
    record Priced(List<SplitLine> lines, long surcharge, long amount) implements SplitQuote {
        public Priced {
            lines = List.copyOf(lines);
        }
    }

    /** They cannot: a line not on the order, more units than are left unpaid, an order that is not active. */
    record Refused(Rejection rejection) implements SplitQuote {}
}
