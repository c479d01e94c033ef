package com.redcoral.edge.kitchen;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.kitchen.KitchenChange.Change;
import com.redcoral.edge.kitchen.KitchenChange.TableDropped;
import com.redcoral.edge.kitchen.KitchenChange.TableSet;
import com.redcoral.edge.kitchen.KitchenChange.TicketChanged;
import com.redcoral.edge.kitchen.KitchenChange.TicketPruned;
import com.redcoral.edge.kitchen.KitchenChange.TicketRelabelled;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link KitchenStore} must do, as {@code @Test default} methods: a test class implements this
 * interface with its way of opening a store and inherits the suite.
 */
public interface KitchenStoreContract {

    /** Opens the store kept in {@code dir} for writing, creating it when new. */
    KitchenStore openStore(Path dir);

    /** The store in {@code dir} as a restarted node finds it. */
    KitchenStore reopen(Path dir);

    @Test
    default void aNewStoreHasNoKitchenYet(@TempDir Path dir) {
        assertThat(openStore(dir).load()).isEmpty();
    }

    @Test
    default void aCheckpointAloneStartsTheKitchen(@TempDir Path dir) {
        openStore(dir).write(List.of(), 0);
        assertThat(reopen(dir).load()).contains(KitchenState.startingAt(0, List.of()));
    }

    @Test
    default void ticketsTablesAndTheCheckpointReadBackAfterARestart(@TempDir Path dir) {
        KitchenStore store = openStore(dir);
        List<KitchenChange> changes = List.of(
                new TableSet(new OrderTable("o1", "T1", "Table 1")),
                new TableSet(new OrderTable("o2", null, "Takeaway Zoë")),
                new TicketChanged(Change.CREATED, ticket("kitchen", 2, "o1")),
                new TicketChanged(Change.CREATED, ticket("bar", 2, "o1")),
                new TicketChanged(Change.CREATED, ticket("kitchen", 10, "o2")));
        store.write(changes, 10);

        KitchenState expected = KitchenProjection.evolve(KitchenState.startingAt(0, List.of()), changes);
        expected.checkpointAt(10);
        assertThat(store.load()).contains(expected);
        assertThat(reopen(dir).load()).contains(expected);
    }

    @Test
    default void ticketsComeBackByDestinationThenSequenceAsNumbers(@TempDir Path dir) {
        KitchenStore store = openStore(dir);
        store.write(List.of(new TicketChanged(Change.CREATED, ticket("kitchen", 256, "o1")),
                new TicketChanged(Change.CREATED, ticket("bar2", 3, "o1")),
                new TicketChanged(Change.CREATED, ticket("kitchen", 9, "o1")),
                new TicketChanged(Change.CREATED, ticket("bar", 70_000, "o1"))), 70_000);

        assertThat(reopen(dir).load().orElseThrow().tickets().keySet()).containsExactly(
                new TicketKey("bar", 70_000), new TicketKey("bar2", 3), new TicketKey("kitchen", 9),
                new TicketKey("kitchen", 256));
    }

    @Test
    default void theLastChangeOfATicketWinsWithinAWriteAndAcrossWrites(@TempDir Path dir) {
        KitchenStore store = openStore(dir);
        KitchenTicket created = ticket("kitchen", 2, "o1");
        KitchenTicket bumped = created.bumped("grill screen", 2_000);
        store.write(List.of(new TicketChanged(Change.CREATED, created), new TicketChanged(Change.BUMPED, bumped)), 2);
        assertThat(reopen(dir).load().orElseThrow().ticket(created.key())).contains(bumped);

        KitchenTicket recalled = bumped.recalled("pass", 3_000);
        KitchenTicket relabelled = recalled.withItem(0, item -> item.relabel("abc", "def", 1));
        store = reopen(dir);
        store.write(List.of(new TicketChanged(Change.RECALLED, recalled), new TicketRelabelled(relabelled)), 5);
        KitchenState loaded = reopen(dir).load().orElseThrow();
        assertThat(loaded.ticket(created.key())).contains(relabelled);
        assertThat(loaded.checkpoint()).isEqualTo(5);
    }

    @Test
    default void prunedTicketsAndDroppedTablesAreGone(@TempDir Path dir) {
        KitchenStore store = openStore(dir);
        store.write(List.of(new TableSet(new OrderTable("o1", "T1", "Table 1")),
                new TableSet(new OrderTable("o2", "T2", "Table 2")),
                new TicketChanged(Change.CREATED, ticket("kitchen", 2, "o1")),
                new TicketChanged(Change.CREATED, ticket("kitchen", 4, "o2"))), 4);
        store.write(List.of(new TicketPruned(new TicketKey("kitchen", 2)), new TableDropped("o1")), 6);

        KitchenState loaded = reopen(dir).load().orElseThrow();
        assertThat(loaded.tickets().keySet()).containsExactly(new TicketKey("kitchen", 4));
        assertThat(loaded.tables()).containsOnlyKeys("o2");
        assertThat(loaded.checkpoint()).isEqualTo(6);
    }

    @Test
    default void everyFieldOfATicketSurvivesIncludingNullsAndCancelledUnits(@TempDir Path dir) {
        KitchenTicket ticket = new KitchenTicket("kitchen", "7", 7, "o1", null, null, 1_000, "emp_01", "张三",
                List.of(new TicketItem("burger", "Burger", 3, 1, List.of("no onion", "extra cheese"), "well done",
                        "allergy: nuts", Map.of("abc", 1, "def", 1)),
                        new TicketItem("fries", "Fries", 1, 1, List.of(), null, null, Map.of())),
                TicketStatus.CANCELLED, 4, 9_000, null, null, 5_000L, "pass (kitchen of kitchen, token t_1)", 9_000L);
        KitchenStore store = openStore(dir);
        store.write(List.of(new TicketChanged(Change.CANCELLED, ticket)), 7);
        assertThat(reopen(dir).load().orElseThrow().ticket(ticket.key())).contains(ticket);
    }

    /** An open ticket of two burgers (order lines abc and def). */
    static KitchenTicket ticket(String destinationId, long sequence, String orderId) {
        return new KitchenTicket(destinationId, Long.toString(sequence), sequence, orderId, "T1", "Table 1",
                1_000 + sequence, "emp_01", "Zhang San",
                List.of(new TicketItem("burger", "Burger", 2, 0, List.of(), null, null, Map.of("abc", 1, "def", 1))),
                TicketStatus.OPEN, 1, 1_000 + sequence, null, null, null, null, null);
    }
}
