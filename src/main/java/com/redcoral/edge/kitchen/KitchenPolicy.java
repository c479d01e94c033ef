package com.redcoral.edge.kitchen;

/**
 * How long the kitchen keeps what: a bumped ticket can be recalled, and a bumped or cancelled one is still
 * listed, for {@code recallWindowMs} after it was done; an open ticket nobody bumped is given up
 * {@code openTicketMaxAgeMs} after it was rung up (a destination without a display, a display that was off
 * for the day), so the kitchen does not keep every ticket ever made.
 */
public record KitchenPolicy(long recallWindowMs, long openTicketMaxAgeMs) {

    public KitchenPolicy {
        if (recallWindowMs < 0 || openTicketMaxAgeMs < 0) {
            throw new IllegalArgumentException("the kitchen's windows must not be negative");
        }
    }

    /** Whether {@code ticket} is still kept (and listed) at {@code now}. */
    public boolean keeps(KitchenTicket ticket, long now) {
        Long done = ticket.doneAt();
        return done == null ? now - ticket.createdAt() <= openTicketMaxAgeMs : now - done <= recallWindowMs;
    }
}
