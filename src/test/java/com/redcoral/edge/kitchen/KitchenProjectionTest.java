package com.redcoral.edge.kitchen;

import static com.redcoral.edge.kitchen.KitchenFixture.BURGER;
import static com.redcoral.edge.kitchen.KitchenFixture.COLA;
import static com.redcoral.edge.kitchen.KitchenFixture.FRIES;
import static com.redcoral.edge.kitchen.KitchenFixture.GUM;
import static com.redcoral.edge.kitchen.KitchenFixture.START;
import static com.redcoral.edge.kitchen.KitchenFixture.T1;
import static com.redcoral.edge.kitchen.KitchenFixture.T2;
import static com.redcoral.edge.kitchen.KitchenFixture.T3;
import static com.redcoral.edge.kitchen.KitchenFixture.WINDOW;
import static com.redcoral.edge.kitchen.KitchenFixture.discounted;
import static com.redcoral.edge.kitchen.KitchenFixture.item;
import static com.redcoral.edge.kitchen.KitchenFixture.kitchen;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.kitchen.KitchenChange.TicketPruned;
import com.redcoral.edge.order.ErrorCode;
import com.redcoral.edge.order.EventType;
import com.redcoral.edge.order.Line;
import com.redcoral.edge.order.OrderEvent;
import com.redcoral.edge.order.RecordedEvent;
import com.redcoral.edge.order.OrderCommand.CompleteOrder;
import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.MergeOrders;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.Percent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The kitchen's rules ({@link KitchenProjection}) as given/when/then scenarios over {@link KitchenFixture}. */
class KitchenProjectionTest {

    /** Order o1 at table 1: sequence 1 opened it, sequence 2 sent 2 burgers and fries to the kitchen. */
    private static KitchenFixture burgersAtTable1() {
        return kitchen().givenOpen("o1", T1).givenItems("o1", item(BURGER, 2), item(FRIES, 1));
    }

    @Nested
    class ItemsAdded {

        @Test
        void makeOneTicketPerPrintDestinationWithItsItemsAndNoneForProductsThatGoNowhere() {
            KitchenFixture f = kitchen().givenOpen("o1", T1);

            f.when(new AddItems("o1", List.of(item(BURGER, 2), item(COLA, 3), item(GUM, 1),
                            item(FRIES, 1, List.of("no salt"), "large", "for the child"))))
                    .thenChanges("CREATED kitchen #2 OPEN Table 1: 2x Burger, 1x Fries [no salt] /large 'for the child'",
                            "CREATED bar #2 OPEN Table 1: 3x Cola");

            KitchenTicket ticket = f.ticket("kitchen", 2);
            assertThat(ticket.orderId()).isEqualTo("o1");
            assertThat(ticket.tableId()).isEqualTo("T1");
            assertThat(ticket.operatorId()).isEqualTo("emp_01");
            assertThat(ticket.operatorName()).isEqualTo("Zhang San");
            assertThat(ticket.createdAt()).isEqualTo(START);
            assertThat(ticket.updatedAt()).isEqualTo(START);
            assertThat(ticket.version()).isEqualTo(1);
            assertThat(ticket.ticketId()).isEqualTo("2");
            assertThat(ticket.sequence()).isEqualTo(2);
            assertThat(ticket.bumpedAt()).isNull();
            assertThat(ticket.items().getFirst().instances()).containsOnlyKeys(f.line("o1", BURGER))
                    .containsValue(2);
        }

        @Test
        void anOrderOfProductsThatGoNowhereMakesNoTicket() {
            kitchen().givenOpen("o1", T1)
                    .when(new AddItems("o1", List.of(item(GUM, 4)))).thenNothingSeen();
        }

        @Test
        void eachRoundIsANewTicketAndEqualDishesShareALine() {
            burgersAtTable1()
                    .when(new AddItems("o1", List.of(item(BURGER, 1), item(BURGER, 2), item(BURGER, 1,
                            List.of("no onion"), null, null))))
                    .thenChanges("CREATED kitchen #3 OPEN Table 1: 3x Burger, 1x Burger [no onion]");
        }

        @Test
        void aPriceOrDiscountDoesNotMakeADifferentDishButKeepsItsOwnOrderLine() {
            KitchenFixture f = kitchen().givenOpen("o1", T1);
            f.when(new AddItems("o1", List.of(item(BURGER, 1), discounted(BURGER, 2, 50))))
                    .thenChanges("CREATED kitchen #2 OPEN Table 1: 3x Burger");
            assertThat(f.ticket("kitchen", 2).items().getFirst().instances()).hasSize(2).containsValues(1, 2);
        }

        @Test
        void aCounterOrderShowsItsName() {
            kitchen().given(new OpenTable(null, "Takeaway Ana", null, null, null), "o1")
                    .when(new AddItems("o1", List.of(item(COLA, 1))))
                    .thenChanges("CREATED bar #2 OPEN Takeaway Ana: 1x Cola");
        }
    }

    @Nested
    class ItemRemoved {

        @Test
        void takesTheUnitsOffTheNewestOpenTicketFirstAndShowsThemCancelled() {
            KitchenFixture f = burgersAtTable1().later(Duration.ofMinutes(2)).givenItems("o1", item(BURGER, 1))
                    .later(Duration.ofMinutes(1));
            String burgers = f.line("o1", BURGER);

            f.when(new RemoveItem("o1", burgers, 2, "changed their mind"))
                    .thenChanges("CANCELLED kitchen #3 CANCELLED Table 1: 0x Burger (1 cancelled)",
                            "ITEMS_CANCELLED kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries");

            KitchenTicket emptied = f.ticket("kitchen", 3);
            assertThat(emptied.status()).isEqualTo(TicketStatus.CANCELLED);
            assertThat(emptied.cancelledAt()).isEqualTo(START + Duration.ofMinutes(3).toMillis());
            assertThat(emptied.version()).isEqualTo(2);
            assertThat(f.ticket("kitchen", 2).version()).isEqualTo(2);
            assertThat(f.listed("kitchen")).containsExactly(
                    "kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries",
                    "kitchen #3 CANCELLED Table 1: 0x Burger (1 cancelled)");
        }

        @Test
        void leavesBumpedTicketsAsTheyAreTheFoodIsMade() {
            KitchenFixture f = burgersAtTable1().givenBump("kitchen", 2).givenItems("o1", item(BURGER, 1));

            f.when(new RemoveItem("o1", f.line("o1", BURGER), 3, null))
                    .thenChanges("CANCELLED kitchen #3 CANCELLED Table 1: 0x Burger (1 cancelled)");
            assertThat(KitchenFixture.summary(f.ticket("kitchen", 2))).isEqualTo("kitchen #2 BUMPED Table 1: 2x Burger, 1x Fries");
        }

        @Test
        void ofAProductThatGoesNowhereChangesNoTicket() {
            KitchenFixture f = burgersAtTable1().givenItems("o1", item(GUM, 2));
            f.when(new RemoveItem("o1", f.line("o1", GUM), 1, null)).thenNothingSeen();
        }
    }

    @Nested
    class ItemModified {

        @Test
        void aDiscountIsNothingToTheKitchenButALaterRemovalStillFindsTheUnits() {
            KitchenFixture f = burgersAtTable1();
            f.when(new ModifyItem("o1", f.line("o1", BURGER), 1, new ItemChanges(null, Percent.of(50), null, null,
                    null))).thenNothingSeen();
            assertThat(f.ticket("kitchen", 2).version()).isEqualTo(1);
            String discounted = f.state().ticket(new TicketKey("kitchen", 2)).orElseThrow().items().getFirst()
                    .instances().keySet().stream().filter(id -> !id.equals(burgerAtFullPrice())).findFirst().orElseThrow();

            f.when(new RemoveItem("o1", discounted, 1, null))
                    .thenChanges("ITEMS_CANCELLED kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries");
            assertThat(f.ticket("kitchen", 2).items().getFirst().instances())
                    .isEqualTo(Map.of(burgerAtFullPrice(), 1));
        }

        @Test
        void aNewWayOfMakingUnitsStillToBeMadeCancelsThemAndAddsThemMadeTheNewWay() {
            KitchenFixture f = burgersAtTable1().later(Duration.ofMinutes(1));
            f.when(new ModifyItem("o1", f.line("o1", BURGER), 1, new ItemChanges(null, null, null, null, "no onion")))
                    .thenChanges("ITEMS_CHANGED kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries, "
                            + "1x Burger 'no onion'");
            assertThat(f.ticket("kitchen", 2).updatedAt()).isEqualTo(START + 60_000);

            // the changed unit is its own order line now: removing it cancels it, not the plain burger
            String noOnion = f.ticket("kitchen", 2).items().get(2).instances().keySet().iterator().next();
            f.when(new RemoveItem("o1", noOnion, 1, null))
                    .thenChanges("ITEMS_CANCELLED kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries, "
                            + "0x Burger 'no onion' (1 cancelled)");
        }

        @Test
        void ofUnitsAlreadyBumpedShowsNothingButARecalledTicketStillKnowsItsUnits() {
            KitchenFixture f = burgersAtTable1().givenBump("kitchen", 2);
            f.when(new ModifyItem("o1", f.line("o1", BURGER), null, new ItemChanges(null, null, null, "well done",
                    null))).thenNothingSeen();
            String wellDone = f.line("o1", BURGER);

            f.whenRecall("kitchen", 2).thenChanged();
            f.when(new RemoveItem("o1", wellDone, 1, null))
                    .thenChanges("ITEMS_CANCELLED kitchen #2 OPEN Table 1: 1x Burger (1 cancelled), 1x Fries");
        }

        private static String burgerAtFullPrice() {
            return Line.of("burger", "Burger", 1250, 1, Percent.ZERO, List.of(), null, null)
                    .instanceId();
        }
    }

    @Nested
    class OrderClosed {

        @Test
        void aVoidCancelsTheOpenTicketsAndLeavesTheBumpedOnes() {
            KitchenFixture f = burgersAtTable1().givenBump("kitchen", 2).givenItems("o1", item(FRIES, 2), item(COLA, 1))
                    .later(Duration.ofMinutes(5));

            f.when(new VoidOrder("o1", "guests left"))
                    .thenChanges("CANCELLED kitchen #3 CANCELLED Table 1: 0x Fries (2 cancelled)",
                            "CANCELLED bar #3 CANCELLED Table 1: 0x Cola (1 cancelled)");
            assertThat(f.listed("kitchen")).containsExactly("kitchen #2 BUMPED Table 1: 2x Burger, 1x Fries",
                    "kitchen #3 CANCELLED Table 1: 0x Fries (2 cancelled)");
            assertThat(f.state().tables()).doesNotContainKey("o1");
        }

        @Test
        void completingAnOrderLeavesItsTicketsOpenTheFoodMayStillBeCooking() {
            KitchenFixture f = burgersAtTable1().given(new AddPayment("o1", "cash", 2900L, null, null));
            f.when(new CompleteOrder("o1", "R-1")).thenNothingSeen();
            assertThat(f.listed("kitchen")).containsExactly("kitchen #2 OPEN Table 1: 2x Burger, 1x Fries");
            assertThat(f.state().tables()).doesNotContainKey("o1");
        }
    }

    @Nested
    class MovesAndMerges {

        @Test
        void aMovePointsTheOrdersTicketsAtTheNewTableAndLaterRoundsGoThereToo() {
            KitchenFixture f = burgersAtTable1().givenItems("o1", item(COLA, 1)).givenBump("bar", 3);

            f.when(new MoveOrder("o1", "T2", null))
                    .thenChanges("TABLE_CHANGED kitchen #2 OPEN Table 2: 2x Burger, 1x Fries",
                            "TABLE_CHANGED bar #3 BUMPED Table 2: 1x Cola");
            assertThat(f.ticket("kitchen", 2).tableId()).isEqualTo("T2");
            f.when(new AddItems("o1", List.of(item(FRIES, 1))))
                    .thenChanges("CREATED kitchen #6 OPEN Table 2: 1x Fries");
        }

        @Test
        void aNewTableNameReachesTheTickets() {
            burgersAtTable1().when(new UpdateOrderInfo("o1", null, null, "Table 1 (birthday)"))
                    .thenChanges("TABLE_CHANGED kitchen #2 OPEN Table 1 (birthday): 2x Burger, 1x Fries");
        }

        @Test
        void aMergePointsTheSourcesTicketsAtTheTargetOrderAndTable() {
            KitchenFixture f = burgersAtTable1().givenOpen("o2", T3).givenItems("o2", item(BURGER, 1));

            f.when(new MergeOrders("o1", "o2"))
                    .thenChanges("MERGED kitchen #2 OPEN Table 3: 2x Burger, 1x Fries");
            assertThat(f.ticket("kitchen", 2).orderId()).isEqualTo("o2");
            assertThat(f.state().tables()).containsOnlyKeys("o2");

            // the burgers of both are one line of o2 now; removing three takes the newest ticket's first
            f.when(new RemoveItem("o2", f.line("o2", BURGER), 3, null))
                    .thenChanges("CANCELLED kitchen #4 CANCELLED Table 3: 0x Burger (1 cancelled)",
                            "ITEMS_CANCELLED kitchen #2 OPEN Table 3: 0x Burger (2 cancelled), 1x Fries");
        }
    }

    @Nested
    class BumpAndRecall {

        @Test
        void aBumpMarksTheTicketDoneByWhomAndWhen() {
            KitchenFixture f = burgersAtTable1().later(Duration.ofMinutes(7));
            KitchenTicket bumped = f.whenBump("kitchen", 2).thenChanged();
            assertThat(bumped.status()).isEqualTo(TicketStatus.BUMPED);
            assertThat(bumped.bumpedBy()).isEqualTo(KitchenFixture.screenOf("kitchen"));
            assertThat(bumped.bumpedAt()).isEqualTo(f.now());
            assertThat(bumped.updatedAt()).isEqualTo(f.now());
            assertThat(bumped.version()).isEqualTo(2);
        }

        @Test
        void aSecondBumpChangesNothing() {
            burgersAtTable1().givenBump("kitchen", 2).later(Duration.ofSeconds(3)).whenBump("kitchen", 2).thenUnchanged();
        }

        @Test
        void aTicketThatIsNotThereIsNotFound() {
            KitchenFixture f = burgersAtTable1();
            f.whenBump("kitchen", 9).thenRejected(ErrorCode.TICKET_NOT_FOUND);
            f.whenBump("bar", 2).thenRejected(ErrorCode.TICKET_NOT_FOUND);
            f.when(new KitchenCommand.Bump("kitchen", "two", "screen", START)).thenRejected(ErrorCode.TICKET_NOT_FOUND);
            f.when(new KitchenCommand.Recall("kitchen", "02", "screen", START)).thenRejected(ErrorCode.TICKET_NOT_FOUND);
        }

        @Test
        void aCancelledTicketCannotBeBumpedOrRecalled() {
            KitchenFixture f = burgersAtTable1().given(new VoidOrder("o1", "left"));
            f.whenBump("kitchen", 2).thenRejected(ErrorCode.TICKET_CANCELLED);
            f.whenRecall("kitchen", 2).thenRejected(ErrorCode.TICKET_CANCELLED);
        }

        @Test
        void aRecallWithinTheWindowPutsTheTicketBackOnTheScreen() {
            KitchenFixture f = burgersAtTable1().givenBump("kitchen", 2).later(Duration.ofMillis(WINDOW));
            KitchenTicket recalled = f.whenRecall("kitchen", 2).thenChanged();
            assertThat(recalled.status()).isEqualTo(TicketStatus.OPEN);
            assertThat(recalled.recalledBy()).isEqualTo(KitchenFixture.screenOf("kitchen"));
            assertThat(recalled.recalledAt()).isEqualTo(f.now());
            assertThat(recalled.bumpedAt()).isNull();
            assertThat(recalled.version()).isEqualTo(3);
            f.whenRecall("kitchen", 2).thenUnchanged();
        }

        @Test
        void aRecallAfterTheWindowIsRefused() {
            KitchenFixture f = burgersAtTable1().givenBump("kitchen", 2).later(Duration.ofMillis(WINDOW + 1));
            assertThat(f.whenRecall("kitchen", 2).thenRejected(ErrorCode.RECALL_WINDOW_PASSED).message())
                    .contains("ticket 2 of kitchen", "900 s");
        }
    }

    @Nested
    class WhatIsKept {

        @Test
        void displaysListOpenTicketsAndThoseDoneWithinTheWindowOldestFirst() {
            KitchenFixture f = burgersAtTable1().givenItems("o1", item(FRIES, 1)).givenItems("o1", item(BURGER, 1))
                    .givenBump("kitchen", 2).givenItems("o1", item(COLA, 1));
            assertThat(f.listed("kitchen")).containsExactly("kitchen #2 BUMPED Table 1: 2x Burger, 1x Fries",
                    "kitchen #3 OPEN Table 1: 1x Fries", "kitchen #4 OPEN Table 1: 1x Burger");
            f.later(Duration.ofMillis(WINDOW + 1));
            assertThat(f.listed("kitchen")).containsExactly("kitchen #3 OPEN Table 1: 1x Fries",
                    "kitchen #4 OPEN Table 1: 1x Burger");
            assertThat(f.listed("bar")).containsExactly("bar #5 OPEN Table 1: 1x Cola");
        }

        @Test
        void pruningDropsOnlyTicketsDoneLongerThanTheWindowAgo() {
            KitchenFixture f = burgersAtTable1().givenItems("o1", item(FRIES, 1))
                    .givenBump("kitchen", 2).later(Duration.ofMinutes(10));
            f.given(new RemoveItem("o1", f.line("o1", FRIES), 1, null)); // ticket 3 cancelled 10 min after the bump
            f.later(Duration.ofMinutes(6));
            assertThat(KitchenProjection.prune(f.state(), f.now(), KitchenFixture.POLICY))
                    .containsExactly(new TicketPruned(new TicketKey("kitchen", 2)));
            f.later(Duration.ofMinutes(10));
            assertThat(KitchenProjection.prune(f.state(), f.now(), KitchenFixture.POLICY)).containsExactly(
                    new TicketPruned(new TicketKey("kitchen", 2)), new TicketPruned(new TicketKey("kitchen", 3)));
        }

        @Test
        void anOpenTicketNobodyBumpedIsGivenUpAfterTheOpenTicketAge() {
            KitchenFixture f = burgersAtTable1().later(Duration.ofHours(1)).givenItems("o1", item(COLA, 1))
                    .later(Duration.ofHours(11));
            assertThat(f.listed("kitchen")).hasSize(1);
            assertThat(KitchenProjection.prune(f.state(), f.now(), KitchenFixture.POLICY)).isEmpty();

            f.later(Duration.ofMillis(1));
            assertThat(f.listed("kitchen")).isEmpty();
            assertThat(f.listed("bar")).hasSize(1);
            assertThat(KitchenProjection.prune(f.state(), f.now(), KitchenFixture.POLICY))
                    .containsExactly(new TicketPruned(new TicketKey("kitchen", 2)));
        }

        @Test
        void anEventAtOrBeforeTheCheckpointIsAlreadyIn() {
            KitchenState state = burgersAtTable1().state();
            RecordedEvent again = new RecordedEvent("evt-2", 2, "o1", START, "emp_01", "Zhang San", "cmd-9",
                    EventType.SCHEMA_VERSION, null, new OrderEvent.OrderVoided("left", null, null));
            assertThat(KitchenProjection.project(state, again, KitchenFixture.ROUTING)).isEmpty();
        }
    }
}
