package com.redcoral.edge.kitchen;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One dish on a ticket: {@code quantity} units of a product made the same way (options, spec, note),
 * of which {@code cancelledQuantity} were taken off the order after the ticket was made. Cancelled
 * units stay on the ticket, so the cook sees what not to make rather than a line that vanished.
 *
 * <p>{@code instances} says which order lines (PROTOCOL.md §2 instance ids) the units still to be made
 * belong to, and how many each: a removal or a modification names an instance id, and this is how its
 * units are found on the tickets. Their sum is always {@link #live()}.
 */
public record TicketItem(String productId, String name, int quantity, int cancelledQuantity, List<String> options,
                         String spec, String note, Map<String, Integer> instances) {

    public TicketItem {
        Objects.requireNonNull(productId, "productId");
        options = List.copyOf(options);
        instances = Collections.unmodifiableMap(new TreeMap<>(instances));
        int live = instances.values().stream().mapToInt(Integer::intValue).sum();
        if (quantity < 1 || cancelledQuantity < 0 || cancelledQuantity > quantity || live != quantity - cancelledQuantity
                || instances.values().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("ticket item " + name + ": " + quantity + " units, " + cancelledQuantity
                    + " cancelled, instances " + instances);
        }
    }

    /** The units still to be made. */
    public int live() {
        return quantity - cancelledQuantity;
    }

    /** How the kitchen tells two dishes apart: the product and how it is made, not its price. */
    Dish dish() {
        return new Dish(productId, name, options, spec, note);
    }

    /** The units of order line {@code instanceId} on this item. */
    int unitsOf(String instanceId) {
        return instances.getOrDefault(instanceId, 0);
    }

    /** {@code units} of line {@code instanceId} taken off: counted as cancelled. */
    TicketItem cancel(String instanceId, int units) {
        return new TicketItem(productId, name, quantity, cancelledQuantity + units, options, spec, note,
                minus(instances, instanceId, units));
    }

    /** Every unit still to be made, cancelled. */
    TicketItem cancelAll() {
        return new TicketItem(productId, name, quantity, quantity, options, spec, note, Map.of());
    }

    /** {@code units} of line {@code from} now belong to line {@code to} (a change the kitchen does not see). */
    TicketItem relabel(String from, String to, int units) {
        return new TicketItem(productId, name, quantity, cancelledQuantity, options, spec, note,
                plus(minus(instances, from, units), to, units));
    }

    /** More units of line {@code instanceId}, made the same way. */
    TicketItem add(String instanceId, int units) {
        return new TicketItem(productId, name, quantity + units, cancelledQuantity, options, spec, note,
                plus(instances, instanceId, units));
    }

    private static Map<String, Integer> minus(Map<String, Integer> instances, String instanceId, int units) {
        Map<String, Integer> next = new TreeMap<>(instances);
        int left = next.getOrDefault(instanceId, 0) - units;
        if (left < 0) {
            throw new IllegalArgumentException(units + " units of " + instanceId + " are not on the item");
        }
        if (left == 0) {
            next.remove(instanceId);
        } else {
            next.put(instanceId, left);
        }
        return next;
    }

    private static Map<String, Integer> plus(Map<String, Integer> instances, String instanceId, int units) {
        Map<String, Integer> next = new TreeMap<>(instances);
        next.merge(instanceId, units, Integer::sum);
        return next;
    }

    /** A dish as the kitchen makes it; units of equal dishes on one ticket share one item. */
    record Dish(String productId, String name, List<String> options, String spec, String note) {

        TicketItem units(String instanceId, int units) {
            return new TicketItem(productId, name, units, 0, options, spec, note, Map.of(instanceId, units));
        }
    }
}
