package com.redcoral.edge.kitchen;

import static com.redcoral.edge.kitchen.KitchenFixture.BURGER;
import static com.redcoral.edge.kitchen.KitchenFixture.COLA;
import static com.redcoral.edge.kitchen.KitchenFixture.POLICY;
import static com.redcoral.edge.kitchen.KitchenFixture.ROUTING;
import static com.redcoral.edge.kitchen.KitchenFixture.START;
import static com.redcoral.edge.kitchen.KitchenFixture.WINDOW;
import static com.redcoral.edge.kitchen.KitchenFixture.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.kitchen.KitchenChange.Change;
import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.RecordedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The runner: begin, catch up and go on from a checkpoint, one write per step, nothing seen before it is written. */
class KitchenBoardTest {

    private final KitchenFixture orders = KitchenFixture.kitchen();
    private final InMemoryKitchenStore store = new InMemoryKitchenStore();

    @Test
    void aNewKitchenBeginsAtTheHeadKnowingWhereTheActiveOrdersFoodGoes() {
        KitchenBoard board = new KitchenBoard(store, ROUTING, POLICY);
        assertThat(board.isNew()).isTrue();
        board.begin(41, List.of(new OrderTable("o1", "T1", "Table 1")));

        KitchenBoard restarted = new KitchenBoard(store, ROUTING, POLICY);
        assertThat(restarted.isNew()).isFalse();
        assertThat(restarted.checkpoint()).isEqualTo(41);
        assertThat(restarted.state().tables()).containsOnlyKeys("o1");
        assertThatThrownBy(() -> restarted.begin(50, List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void eventsAreFoldedInWithOneWriteAndTheirTicketChangesReturnedToPublish() {
        KitchenBoard board = begun();
        List<RecordedEvent> events = new ArrayList<>(orders.commit(new OpenTable("T1", null, null, null, null), "o1"));
        events.addAll(orders.commit(new AddItems("o1", List.of(item(BURGER, 2), item(COLA, 1))), "x"));

        List<TicketChanged> published = board.apply(events, START);

        assertThat(published).extracting(TicketChanged::change).containsExactly(Change.CREATED, Change.CREATED);
        assertThat(published).extracting(c -> c.ticket().destinationId()).containsExactly("kitchen", "bar");
        assertThat(store.writes()).isEqualTo(2); // begin, then the two events together
        assertThat(board.checkpoint()).isEqualTo(2);
        assertThat(new KitchenBoard(store, ROUTING, POLICY).state()).isEqualTo(board.state());
    }

    @Test
    void eventsAlreadyInAreSkippedAndAGapIsRefusedWithNothingWritten() {
        KitchenBoard board = begun();
        List<RecordedEvent> first = orders.commit(new OpenTable("T1", null, null, null, null), "o1");
        List<RecordedEvent> second = orders.commit(new AddItems("o1", List.of(item(BURGER, 1))), "x");
        List<RecordedEvent> third = orders.commit(new AddItems("o1", List.of(item(BURGER, 1))), "x");
        board.apply(first, START);
        int writes = store.writes();

        assertThat(board.apply(first, START)).isEmpty();
        assertThat(store.writes()).isEqualTo(writes);
        assertThatThrownBy(() -> board.apply(third, START)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event 3 does not follow the kitchen's checkpoint 1");
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(board.checkpoint()).isEqualTo(1);

        List<RecordedEvent> overlapping = new ArrayList<>(first);
        overlapping.addAll(second);
        overlapping.addAll(third);
        assertThat(board.apply(overlapping, START)).hasSize(2);
        assertThat(board.checkpoint()).isEqualTo(3);
    }

    @Test
    void aFailedWriteLeavesTheBoardAsItWasSoTheSameEventsCanComeAgain() {
        FailingStore failing = new FailingStore(store);
        KitchenBoard board = new KitchenBoard(failing, ROUTING, POLICY);
        board.begin(0, List.of());
        List<RecordedEvent> events = new ArrayList<>(orders.commit(new OpenTable("T1", null, null, null, null), "o1"));
        events.addAll(orders.commit(new AddItems("o1", List.of(item(BURGER, 1))), "x"));

        failing.failing = true;
        assertThatThrownBy(() -> board.apply(events, START)).hasMessageContaining("disk");
        assertThat(board.checkpoint()).isZero();
        assertThat(board.listed("kitchen", START)).isEmpty();

        failing.failing = false;
        assertThat(board.apply(events, START)).hasSize(1);
        assertThat(board.listed("kitchen", START)).hasSize(1);
    }

    @Test
    void aBumpIsWrittenBeforeItIsAnsweredAndEveryWriteDropsTicketsDoneLongAgo() {
        KitchenBoard board = begun();
        board.apply(orders.commit(new OpenTable("T1", null, null, null, null), "o1"), START);
        board.apply(orders.commit(new AddItems("o1", List.of(item(BURGER, 1))), "x"), START);
        board.apply(orders.commit(new AddItems("o1", List.of(item(BURGER, 1))), "x"), START);
        int writes = store.writes();

        assertThat(board.decide(new KitchenCommand.Bump("kitchen", "2", "grill", START)))
                .isInstanceOf(KitchenDecision.Changed.class);
        assertThat(store.writes()).isEqualTo(writes + 1);
        assertThat(store.load().orElseThrow().ticket(new TicketKey("kitchen", 2)).orElseThrow().status())
                .isEqualTo(TicketStatus.BUMPED);

        assertThat(board.decide(new KitchenCommand.Bump("kitchen", "2", "grill", START)))
                .isInstanceOf(KitchenDecision.Unchanged.class);
        assertThat(board.decide(new KitchenCommand.Recall("kitchen", "9", "grill", START)))
                .isInstanceOf(KitchenDecision.Rejected.class);
        assertThat(store.writes()).isEqualTo(writes + 1);

        long later = START + WINDOW + 1;
        assertThat(board.listed("kitchen", later)).extracting(KitchenTicket::ticketId).containsExactly("3");
        assertThat(board.state().tickets()).hasSize(2); // not dropped before the next write
        orders.later(Duration.ofMillis(WINDOW + 1)); // the void comes then, and cancels ticket 3 then
        board.apply(orders.commit(new VoidOrder("o1", "left"), "x"), later);
        assertThat(store.load().orElseThrow().tickets().keySet()).containsExactly(new TicketKey("kitchen", 3));
        assertThat(board.state().tickets().keySet()).containsExactly(new TicketKey("kitchen", 3));
    }

    private KitchenBoard begun() {
        KitchenBoard board = new KitchenBoard(store, ROUTING, POLICY);
        board.begin(0, List.of());
        return board;
    }

    /** A store whose writes fail while {@code failing}, as a full disk would. */
    private static final class FailingStore implements KitchenStore {
        private final KitchenStore store;
        volatile boolean failing;

        FailingStore(KitchenStore store) {
            this.store = store;
        }

        @Override
        public Optional<KitchenState> load() {
            return store.load();
        }

        @Override
        public void write(List<KitchenChange> changes, long checkpoint) {
            if (failing) {
                throw new IllegalStateException("the disk is full");
            }
            store.write(changes, checkpoint);
        }
    }
}
