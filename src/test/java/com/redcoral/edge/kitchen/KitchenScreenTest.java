package com.redcoral.edge.kitchen;

import static com.redcoral.edge.kitchen.KitchenFixture.BURGER;
import static com.redcoral.edge.kitchen.KitchenFixture.COLA;
import static com.redcoral.edge.kitchen.KitchenFixture.FRIES;
import static com.redcoral.edge.kitchen.KitchenFixture.T1;
import static com.redcoral.edge.kitchen.KitchenFixture.T2;
import static com.redcoral.edge.kitchen.KitchenFixture.item;
import static com.redcoral.edge.kitchen.KitchenFixture.kitchen;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a headless display prints ({@link KitchenScreen}), for tickets the real projection made. The clock is
 * {@link KitchenFixture#START}, 2026-01-01 00:00 UTC, and moves by the minute.
 */
class KitchenScreenTest {

    private final KitchenScreen screen = new KitchenScreen(ZoneOffset.UTC);
    private final KitchenFixture f = kitchen().givenOpen("o1", T1).later(Duration.ofMinutes(1))
            .givenItems("o1", item(BURGER, 2), item(FRIES, 1, List.of("no salt"), "large", "for the child"));

    @Test
    void aFirstConnectShowsTheOpenTicketsInFull() {
        assertThat(screen.listed(listed(), f.now())).containsExactly(
                "00:01  NEW        #2  Table 1  (Zhang San)",
                "             2 x Burger",
                "             1 x Fries [no salt] large",
                "                   note: for the child",
                "00:01:00  connected: 1 open ticket");
    }

    @Test
    void aFirstConnectSaysNothingOfTicketsDoneBeforeItAndLaterOnlyWhatChanged() {
        f.givenItems("o1", item(COLA, 1)).givenBump("bar", 3);
        assertThat(screen.listed(f.state().listed("bar", f.now(), KitchenFixture.POLICY), f.now()))
                .containsExactly("00:01:00  connected: 0 open tickets");
        f.whenRecall("bar", 3).thenChanged();
        assertThat(screen.received(f.ticket("bar", 3))).containsExactly(
                "00:01  RECALLED   #3  Table 1 (by grill screen)",
                "             1 x Cola");
    }

    @Test
    void aTicketSeenAlreadyOrAnOlderVersionOfItPrintsNothing() {
        screen.listed(listed(), f.now());
        KitchenTicket first = f.ticket("kitchen", 2);
        assertThat(screen.received(first)).isEmpty();
        f.given(new RemoveItem("o1", f.line("o1", BURGER), 1, null));
        assertThat(screen.received(f.ticket("kitchen", 2))).isNotEmpty();
        assertThat(screen.received(first)).isEmpty();
        assertThat(screen.received(f.ticket("kitchen", 2))).isEmpty();
    }

    @Test
    void cancelledUnitsChangedDishesMovesBumpsAndCancellationsReadAsACookNeedsThem() {
        screen.listed(listed(), f.now());
        f.later(Duration.ofMinutes(2)).given(new RemoveItem("o1", f.line("o1", BURGER), 1, null));
        assertThat(screen.received(f.ticket("kitchen", 2))).containsExactly(
                "00:03  CHANGED    #2  Table 1: 1 x Burger cancelled",
                "             1 x Burger   (1 cancelled)",
                "             1 x Fries [no salt] large",
                "                   note: for the child");

        f.later(Duration.ofMinutes(1)).given(new ModifyItem("o1", f.line("o1", BURGER), null,
                new ItemChanges(null, null, List.of("no onion"), null, null)));
        assertThat(screen.received(f.ticket("kitchen", 2))).first().isEqualTo(
                "00:04  CHANGED    #2  Table 1: 1 x Burger cancelled, 1 x Burger [no onion] added");

        f.given(new MoveOrder("o1", "T2", null));
        assertThat(screen.received(f.ticket("kitchen", 2))).containsExactly(
                "00:04  MOVED      #2  Table 2, moved from Table 1");

        f.later(Duration.ofMinutes(1)).givenBump("kitchen", 2);
        assertThat(screen.received(f.ticket("kitchen", 2))).containsExactly(
                "00:05  DONE       #2  Table 2 (by grill screen)");

        f.givenItems("o1", item(FRIES, 2));
        screen.received(f.ticket("kitchen", 7));
        f.given(new VoidOrder("o1", "left"));
        assertThat(screen.received(f.ticket("kitchen", 7))).containsExactly(
                "00:05  CANCELLED  #7  Table 2: do not make 2 x Fries");
    }

    @Test
    void aReconnectShowsWhatIsNewOrChangedAndWhatIsGoneSinceItLastSawTheTickets() {
        f.givenItems("o1", item(BURGER, 1));
        screen.listed(listed(), f.now());

        // away: ticket 3 bumped, ticket 4 rung up, ticket 2 moved … and ticket 3 done longer than the window ago
        f.givenBump("kitchen", 3).givenItems("o1", item(FRIES, 1)).given(new MoveOrder("o1", "T2", null));
        List<String> lines = screen.listed(listed(), f.now());
        assertThat(lines).containsExactly(
                "00:01  MOVED      #2  Table 2, moved from Table 1",
                "00:01  DONE       #3  Table 2 (by grill screen), moved from Table 1",
                "00:01  NEW        #4  Table 2  (Zhang San)",
                "             1 x Fries",
                "00:01:00  reconnected: 1 new, 2 changed while away; 2 open tickets");

        f.givenBump("kitchen", 2).later(Duration.ofMillis(KitchenFixture.WINDOW + 1));
        assertThat(screen.listed(List.of(f.ticket("kitchen", 4)), f.now())).containsExactly(
                "       GONE       #2  Table 2: done, cancelled or given up while this display was away",
                "00:16:00  reconnected: 0 new, 1 changed while away; 1 open ticket");
    }

    /** The example in docs/kitchen.md is this scenario's output, so the two cannot drift apart. */
    @Test
    void theExampleInTheDocumentationIsWhatTheScreenPrints() throws Exception {
        KitchenFixture lunch = kitchen().later(Duration.ofHours(12)).givenOpen("o1", T1).later(Duration.ofMinutes(1))
                .givenItems("o1", item(BURGER, 2, List.of("no onion"), "well done", "allergy: nuts"), item(FRIES, 1));
        List<String> printed = new ArrayList<>(screen.listed(lunch.state().listed("kitchen", lunch.now(),
                KitchenFixture.POLICY), lunch.now() + 7_000));
        lunch.later(Duration.ofMinutes(2)).given(new RemoveItem("o1", lunch.line("o1", BURGER), 1, null));
        printed.addAll(screen.received(lunch.ticket("kitchen", 2)));
        lunch.later(Duration.ofMinutes(2)).given(new MoveOrder("o1", "T2", null));
        printed.addAll(screen.received(lunch.ticket("kitchen", 2)));
        lunch.later(Duration.ofMinutes(4)).givenBump("kitchen", 2);
        printed.addAll(screen.received(lunch.ticket("kitchen", 2)));

        List<String> documented = Files.readAllLines(Path.of("docs/kitchen.md"));
        int start = documented.indexOf("12:01  NEW        #2  Table 1  (Zhang San)");
        assertThat(start).as("the example in docs/kitchen.md").isPositive();
        assertThat(documented.subList(start, documented.subList(start, documented.size()).indexOf("```") + start))
                .isEqualTo(printed);
    }

    private List<KitchenTicket> listed() {
        return f.state().listed("kitchen", f.now(), KitchenFixture.POLICY);
    }
}
