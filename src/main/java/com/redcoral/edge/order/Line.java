package com.redcoral.edge.order;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An order line: {@code quantity} interchangeable units of a product, addressed by the content
 * hash of their attributes ({@link InstanceId}). Also the shape of {@code items} in a snapshot.
 */
public record Line(String instanceId, String productId, String name, long price, int quantity,
                   Percent discountPercent, List<String> options, String spec, String note) {

    public Line {
        options = List.copyOf(options);
    }

    /** A line whose instance id is computed from its attributes, which are normalised first. */
    public static Line of(String productId, String name, long price, int quantity, Percent discount,
                          List<String> options, String spec, String note) {
        List<String> set = InstanceId.normalizeOptions(options);
        String cleanSpec = InstanceId.normalizeText(spec);
        String cleanNote = InstanceId.normalizeText(note);
        return new Line(InstanceId.of(productId, price, discount, set, cleanSpec, cleanNote),
                productId, name, price, quantity, discount, set, cleanSpec, cleanNote);
    }

    /** The value of the whole line after its discount, rounded per {@link Money}. */
    @JsonProperty("line_total")
    public long lineTotal() {
        return Money.lineTotal(price, quantity, discountPercent);
    }

    /** The value of {@code units} of this line after its discount. */
    public long valueOf(int units) {
        return Money.lineTotal(price, units, discountPercent);
    }

    public Line withQuantity(int newQuantity) {
        return new Line(instanceId, productId, name, price, newQuantity, discountPercent, options, spec, note);
    }
}
