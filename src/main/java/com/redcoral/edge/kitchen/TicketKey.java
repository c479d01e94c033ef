package com.redcoral.edge.kitchen;

import java.util.Comparator;
import java.util.Objects;

/** A ticket's identity: its print destination and the sequence of the event that made it; sorts by both. */
public record TicketKey(String destinationId, long sequence) implements Comparable<TicketKey> {

    private static final Comparator<TicketKey> ORDER = Comparator.comparing(TicketKey::destinationId)
            .thenComparingLong(TicketKey::sequence);

    public TicketKey {
        Objects.requireNonNull(destinationId, "destinationId");
    }

    /** The key a display names as {@code (destination_id, ticket_id)}; empty when the ticket id is not a sequence. */
    public static java.util.Optional<TicketKey> of(String destinationId, String ticketId) {
        if (ticketId == null || !ticketId.matches("[1-9][0-9]{0,18}")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new TicketKey(destinationId, Long.parseLong(ticketId)));
        } catch (NumberFormatException tooLarge) {
            return java.util.Optional.empty();
        }
    }

    public String ticketId() {
        return Long.toString(sequence);
    }

    @Override
    public int compareTo(TicketKey other) {
        return ORDER.compare(this, other);
    }
}
