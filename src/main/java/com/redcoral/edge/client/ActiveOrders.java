package com.redcoral.edge.client;

import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.OrderDecider;
import com.redcoral.edge.order.RecordedEvent;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A terminal's copy of the node's active orders as of one global {@link #sequence()}: exactly the
 * orders the node lists on {@code pos.orders.active} when its {@code server_sequence} is that number.
 *
 * <p>Immutable: every change makes a new value, so a {@link Terminal} hands the current one to any
 * thread. It advances one event at a time by the pure order rules ({@link OrderDecider#evolve}),
 * which the node also uses, so an order here equals the node's snapshot of it — replaying events
 * gives the stored snapshot, bit for bit (a tested property of the domain). An order leaves when an
 * event closes it (completed, voided, merged into another).
 *
 * <p>Pure Java: no Vert.x, no I/O. The sequencing rules (skip what is held, a gap when an event is
 * above sequence + 1) are the terminal's; this class only refuses an event that is not the next.
 */
public final class ActiveOrders {

    /** Nothing yet: sequence 0, before the first event ever. */
    public static final ActiveOrders EMPTY = new ActiveOrders(0, new TreeMap<>());

    private final long sequence;
    private final SortedMap<String, Order> byId;

    private ActiveOrders(long sequence, TreeMap<String, Order> byId) {
        this.sequence = sequence;
        this.byId = Collections.unmodifiableSortedMap(byId);
    }

    /**
     * The node's active orders as of {@code sequence} (a full sync, or {@code pos.orders.active}).
     *
     * @throws IllegalArgumentException when an order is not active, is newer than {@code sequence},
     *     or appears twice: such a list does not describe the node at that sequence
     */
    public static ActiveOrders of(long sequence, Collection<Order> orders) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be from 0, was " + sequence);
        }
        TreeMap<String, Order> byId = new TreeMap<>();
        for (Order order : orders) {
            if (!order.isActive()) {
                throw new IllegalArgumentException("order " + order.orderId() + " is " + order.status() + ", not active");
            }
            if (order.lastSequence() > sequence) {
                throw new IllegalArgumentException("order " + order.orderId() + " is at sequence "
                        + order.lastSequence() + ", beyond " + sequence);
            }
            if (byId.put(order.orderId(), order) != null) {
                throw new IllegalArgumentException("order " + order.orderId() + " is listed twice");
            }
        }
        return new ActiveOrders(sequence, byId);
    }

    /** An event applied: the orders afterwards, and its order after the event (closed ones included). */
    public record Applied(ActiveOrders orders, Order order) { }

    /**
     * These orders after {@code event}, which must be the next event ({@link #sequence()} + 1). The
     * event's order is folded with {@link OrderDecider#evolve}; it is dropped when no longer active.
     *
     * @throws IllegalArgumentException when the event is not the next one
     * @throws IllegalStateException when the event does not fit its order (an order this copy does not
     *     hold that does not start with {@code TABLE_OPENED}, an item or payment it does not have): the
     *     copy is not the node's, and only a reload repairs it
     */
    public Applied apply(RecordedEvent event) {
        if (event.sequence() != sequence + 1) {
            throw new IllegalArgumentException("event " + event.sequence() + " is not the next after " + sequence);
        }
        Order after = OrderDecider.evolve(byId.get(event.orderId()), event);
        TreeMap<String, Order> next = new TreeMap<>(byId);
        if (after.isActive()) {
            next.put(after.orderId(), after);
        } else {
            next.remove(after.orderId());
        }
        return new Applied(new ActiveOrders(event.sequence(), next), after);
    }

    /** These orders after {@code event}: {@link #apply}{@code (event).orders()}. */
    public ActiveOrders then(RecordedEvent event) {
        return apply(event).orders();
    }

    /** The global sequence of the last event these orders include. */
    public long sequence() {
        return sequence;
    }

    /** The active orders, by order id. */
    public List<Order> orders() {
        return List.copyOf(byId.values());
    }

    public Optional<Order> order(String orderId) {
        return Optional.ofNullable(byId.get(orderId));
    }

    public int size() {
        return byId.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActiveOrders that && sequence == that.sequence && byId.equals(that.byId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, byId);
    }

    @Override
    public String toString() {
        return "ActiveOrders[sequence=" + sequence + ", orders=" + byId.keySet() + "]";
    }
}
