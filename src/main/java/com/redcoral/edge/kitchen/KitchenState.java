package com.redcoral.edge.kitchen;

import com.redcoral.edge.kitchen.KitchenChange.TableDropped;
import com.redcoral.edge.kitchen.KitchenChange.TableSet;
import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.kitchen.KitchenChange.TicketPruned;
import com.redcoral.edge.kitchen.KitchenChange.TicketRelabelled;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Everything the kitchen knows: the tickets it keeps (by destination, then sequence), where each active
 * order's food goes, and {@code checkpoint}, the sequence of the last order event folded in.
 *
 * <p>Like the {@code OrderBook}, it is held by one owner ({@link KitchenBoard}) and changed only by folding
 * changes in ({@link KitchenProjection#evolve}); everything else reads it. It is indexed by order and by
 * status, so a change costs the same whether the kitchen holds ten tickets or a hundred thousand. Two states
 * are equal when they hold the same checkpoint, tickets and tables.
 */
public final class KitchenState {

    private static final Comparator<TicketKey> OLDEST_FIRST = Comparator.comparingLong(TicketKey::sequence)
            .thenComparing(TicketKey::destinationId);

    private long checkpoint;
    private final TreeMap<TicketKey, KitchenTicket> tickets = new TreeMap<>();
    private final Map<String, OrderTable> tables = new HashMap<>();
    private final Map<String, Set<TicketKey>> byOrder = new HashMap<>();
    private final TreeSet<TicketKey> open = new TreeSet<>(OLDEST_FIRST);
    private final Set<TicketKey> done = new HashSet<>();

    private KitchenState(long checkpoint) {
        if (checkpoint < 0) {
            throw new IllegalArgumentException("checkpoint must not be negative");
        }
        this.checkpoint = checkpoint;
    }

    /** A kitchen that has seen events up to {@code checkpoint}, holds no ticket, and knows where these orders' food goes. */
    public static KitchenState startingAt(long checkpoint, Collection<OrderTable> activeOrders) {
        return of(checkpoint, List.of(), activeOrders);
    }

    /** A kitchen as a store kept it. */
    public static KitchenState of(long checkpoint, Collection<KitchenTicket> tickets, Collection<OrderTable> tables) {
        KitchenState state = new KitchenState(checkpoint);
        tickets.forEach(state::put);
        tables.forEach(t -> state.tables.put(t.orderId(), t));
        return state;
    }

    /** A copy its owner may change without changing this one. */
    public KitchenState copy() {
        return of(checkpoint, tickets.values(), tables.values());
    }

    public long checkpoint() {
        return checkpoint;
    }

    public Optional<KitchenTicket> ticket(TicketKey key) {
        return Optional.ofNullable(tickets.get(key));
    }

    /** Every ticket kept, by destination then sequence (a read-only view). */
    public SortedMap<TicketKey, KitchenTicket> tickets() {
        return Collections.unmodifiableSortedMap(tickets);
    }

    /** Where each active order's food goes, by order id (a read-only view). */
    public Map<String, OrderTable> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** The destination's tickets a display shows at {@code now}: those the policy keeps, oldest first. */
    public List<KitchenTicket> listed(String destinationId, long now, KitchenPolicy policy) {
        return destination(destinationId).values().stream().filter(t -> policy.keeps(t, now)).toList();
    }

    /** Whether any ticket of this destination is kept. */
    public boolean holdsTicketsOf(String destinationId) {
        return !destination(destinationId).isEmpty();
    }

    /** The order's tickets in {@code status}, newest first: the order removals and changes take units in. */
    List<KitchenTicket> newestFirst(String orderId, TicketStatus status) {
        return ofOrder(orderId).stream().filter(t -> t.status() == status)
                .sorted(Comparator.comparing(KitchenTicket::key, OLDEST_FIRST).reversed()).toList();
    }

    /** The order's tickets, oldest first. */
    List<KitchenTicket> ofOrder(String orderId) {
        Set<TicketKey> keys = byOrder.getOrDefault(orderId, Set.of());
        return keys.stream().sorted(OLDEST_FIRST).map(tickets::get).toList();
    }

    /** The open tickets, oldest first, read as far as the caller goes: what pruning looks through. */
    Stream<KitchenTicket> openOldestFirst() {
        return open.stream().map(tickets::get);
    }

    /** The bumped and cancelled tickets (few: they are dropped after the recall window). */
    Stream<KitchenTicket> done() {
        return done.stream().map(tickets::get);
    }

    /** Folds one change in (see {@link KitchenProjection#evolve}). */
    void apply(KitchenChange change) {
        switch (change) {
            case TicketChanged c -> put(c.ticket());
            case TicketRelabelled c -> put(c.ticket());
            case TicketPruned c -> remove(c.key());
            case TableSet c -> tables.put(c.table().orderId(), c.table());
            case TableDropped c -> tables.remove(c.orderId());
        }
    }

    void checkpointAt(long sequence) {
        checkpoint = sequence;
    }

    private SortedMap<TicketKey, KitchenTicket> destination(String destinationId) {
        return tickets.subMap(new TicketKey(destinationId, Long.MIN_VALUE), true,
                new TicketKey(destinationId, Long.MAX_VALUE), true);
    }

    private void put(KitchenTicket ticket) {
        TicketKey key = ticket.key();
        KitchenTicket before = tickets.put(key, ticket);
        if (before != null && !before.orderId().equals(ticket.orderId())) {
            unindex(before.orderId(), key);
        }
        byOrder.computeIfAbsent(ticket.orderId(), id -> new HashSet<>()).add(key);
        if (ticket.status() == TicketStatus.OPEN) {
            open.add(key);
            done.remove(key);
        } else {
            open.remove(key);
            done.add(key);
        }
    }

    private void remove(TicketKey key) {
        KitchenTicket removed = tickets.remove(key);
        if (removed != null) {
            unindex(removed.orderId(), key);
            open.remove(key);
            done.remove(key);
        }
    }

    private void unindex(String orderId, TicketKey key) {
        Set<TicketKey> keys = byOrder.get(orderId);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            byOrder.remove(orderId);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KitchenState s && checkpoint == s.checkpoint && tickets.equals(s.tickets)
                && tables.equals(s.tables);
    }

    @Override
    public int hashCode() {
        return Objects.hash(checkpoint, tickets, tables);
    }

    @Override
    public String toString() {
        return "KitchenState[checkpoint=" + checkpoint + ", tickets=" + new ArrayList<>(tickets.values())
                + ", tables=" + tables.values() + "]";
    }
}
