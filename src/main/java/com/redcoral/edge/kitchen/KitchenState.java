package com.redcoral.edge.kitchen;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the kitchen knows: the tickets it keeps (by destination, then sequence), where each active
 * order's food goes, and {@code checkpoint}, the sequence of the last order event folded in. Immutable;
 * {@link KitchenProjection#evolve} makes the next one.
 */
public record KitchenState(long checkpoint, SortedMap<TicketKey, KitchenTicket> tickets,
                           Map<String, OrderTable> tables) {

    public KitchenState {
        if (checkpoint < 0) {
            throw new IllegalArgumentException("checkpoint must not be negative");
        }
        tickets = Collections.unmodifiableSortedMap(new TreeMap<>(tickets));
        tables = Map.copyOf(tables);
    }

    /** A kitchen that has seen events up to {@code checkpoint} and knows where these orders' food goes. */
    public static KitchenState startingAt(long checkpoint, List<OrderTable> activeOrders) {
        Map<String, OrderTable> tables = new HashMap<>();
        activeOrders.forEach(t -> tables.put(t.orderId(), t));
        return new KitchenState(checkpoint, new TreeMap<>(), tables);
    }

    public Optional<KitchenTicket> ticket(TicketKey key) {
        return Optional.ofNullable(tickets.get(key));
    }

    /** The destination's tickets a display shows at {@code now}: open ones and those done within the window, oldest first. */
    public List<KitchenTicket> listed(String destinationId, long now, long windowMs) {
        return tickets.subMap(new TicketKey(destinationId, Long.MIN_VALUE), new TicketKey(destinationId, Long.MAX_VALUE))
                .values().stream().filter(t -> t.listedAt(now, windowMs)).toList();
    }

    /** Whether any ticket of this destination is kept. */
    public boolean holdsTicketsOf(String destinationId) {
        return tickets.keySet().stream().anyMatch(k -> k.destinationId().equals(destinationId));
    }

    /** The order's tickets in {@code status}, newest first: the order removals and changes take units in. */
    List<KitchenTicket> newestFirst(String orderId, TicketStatus status) {
        return tickets.values().stream().filter(t -> t.orderId().equals(orderId) && t.status() == status)
                .sorted(Comparator.comparingLong(KitchenTicket::sequence).reversed()
                        .thenComparing(KitchenTicket::destinationId))
                .toList();
    }

    KitchenState at(long sequence) {
        return new KitchenState(sequence, tickets, tables);
    }
}
