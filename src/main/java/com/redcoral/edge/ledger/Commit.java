package com.redcoral.edge.ledger;

import com.redcoral.edge.order.Order;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.wire.CommandResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One group commit: everything decided since the last write, to be made durable in one atomic
 * write. {@code events} are consecutive from the store's head + 1 and already chained;
 * {@code snapshots} are the orders they changed as they stand after them (an order that is no
 * longer ACTIVE leaves the active set); {@code responses} the first answer of each command decided.
 *
 * @param head the head after this commit: the last event's sequence and hash
 */
public record Commit(List<Entry> events, List<Order> snapshots, List<CommandResponse> responses, LedgerStore.Head head) {

    /** An event with the canonical bytes its hash was computed over, so they are not built twice. */
    public record Entry(RecordedEvent event, byte[] canonical) {
        public Entry {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(canonical, "canonical");
        }
    }

    public Commit {
        events = List.copyOf(events);
        snapshots = List.copyOf(snapshots);
        responses = List.copyOf(responses);
        Objects.requireNonNull(head, "head");
    }

    /** Consecutive commits as one: their parts in order, the last head. A later snapshot of an order wins. */
    public static Commit merge(List<Commit> commits) {
        if (commits.size() == 1) {
            return commits.get(0);
        }
        List<Entry> events = new ArrayList<>();
        List<Order> snapshots = new ArrayList<>();
        List<CommandResponse> responses = new ArrayList<>();
        for (Commit commit : commits) {
            events.addAll(commit.events());
            snapshots.addAll(commit.snapshots());
            responses.addAll(commit.responses());
        }
        return new Commit(events, snapshots, responses, commits.get(commits.size() - 1).head());
    }
}
