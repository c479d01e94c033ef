package com.redcoral.edge.order;

import static com.redcoral.edge.order.OrderFixture.BURGER;
import static com.redcoral.edge.order.OrderFixture.CASHIER;
import static com.redcoral.edge.order.OrderFixture.CATALOG;
import static com.redcoral.edge.order.OrderFixture.COLA;
import static com.redcoral.edge.order.OrderFixture.MANAGER;
import static com.redcoral.edge.order.OrderFixture.NOW;
import static com.redcoral.edge.order.OrderFixture.T1;
import static com.redcoral.edge.order.OrderFixture.T3;
import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.MergeOrders;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.SetSurchargeExempt;
import com.redcoral.edge.order.OrderCommand.SplitOrder;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.wire.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The audit sentence of every event type, as golden strings: first for the golden event files (one per
 * type, the story of {@code GoldenJsonTest}), then for the variants a store sees, decided by the real
 * order rules so that ids, results and merges are exactly what a till would get.
 */
class AuditSentenceTest {

    private static final Map<EventType, String> GOLDEN = new EnumMap<>(Map.ofEntries(
            Map.entry(EventType.TABLE_OPENED,
                    "Zhang San opened Table 12 for 4 guests, with a 10% surcharge, note \"window seat\""),
            Map.entry(EventType.ITEMS_ADDED,
                    "Zhang San added 4 Cola (5d5cbd) at 3.00 each and 1 Burger (aacaf0, well done, with extra cheese"
                            + " and no onion) at 10.00 instead of 12.50, approved by Li"),
            Map.entry(EventType.ITEM_MODIFIED,
                    "Zhang San applied a 50% discount to 2 of 4 Cola (5d5cbd), approved by Li: 2 stay at full price"
                            + " (5d5cbd), 2 now discounted (46fa59)"),
            Map.entry(EventType.ITEM_REMOVED,
                    "Zhang San removed 1 Burger (aacaf0) worth 10.00 because \"sent back\", approved by Li: none left"),
            Map.entry(EventType.PAYMENT_ADDED,
                    "Zhang San took payment 8e2f6a of 15.00 by cash, tendered 20.00, change 5.00"),
            Map.entry(EventType.PAYMENT_CANCELLED,
                    "Zhang San cancelled payment 8e2f6a of 15.00 by cash because \"wrong amount keyed\", approved by Li"),
            Map.entry(EventType.ORDER_SPLIT,
                    "Zhang San split the bill, taking payment 3c7d9e of 3.30 by card for 1 Cola (5d5cbd)"),
            Map.entry(EventType.ORDER_MOVED_OUT, "Zhang San took the order off Table 12 to move it to Terrace 3"),
            Map.entry(EventType.ORDER_MOVED,
                    "Zhang San moved the order from Table 12 to Terrace 3, with a 12.5% surcharge"),
            Map.entry(EventType.ORDER_MERGED_OUT,
                    "Zhang San merged this order into order 7f3a9c2e-5b1d-4e8f-a6c0-2d9b8e1f4a37 at Terrace 3, moving"
                            + " 2 Green tea (a3bb03, note \"no sugar\") and payment f1a4c8 of 1.99 by card"),
            Map.entry(EventType.ORDER_MERGED,
                    "Zhang San merged order 2b9c4d1e-8f3a-4c5b-9e7d-6a1f0c3b5e82 from Table 14 into this order,"
                            + " bringing 2 Green tea (a3bb03, note \"no sugar\") and payment f1a4c8 of 1.99 by card"),
            Map.entry(EventType.SURCHARGE_EXEMPT_SET, "Zhang San waived the surcharge on the order, approved by Li"),
            Map.entry(EventType.ORDER_INFO_UPDATED, "Zhang San set the guest count to 5 and the note to \"birthday\""),
            Map.entry(EventType.ORDER_COMPLETED,
                    "Zhang San completed the order with receipt R-2025-000123 (total 12.98, paid 12.98)"),
            Map.entry(EventType.ORDER_VOIDED,
                    "Zhang San voided the order because \"guest left before ordering\", approved by Li")));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeOfTheGoldenFilesReadsAsItsSentence(EventType type) throws IOException {
        RecordedEvent event = golden(type);

        assertThat(AuditSentence.of(event)).isEqualTo(GOLDEN.get(type));
    }

    @Test
    void anEntryCarriesTheEnvelopeAndTheApproval() throws IOException {
        AuditEntry entry = AuditEntry.of(golden(EventType.ITEM_MODIFIED));

        assertThat(entry).isEqualTo(new AuditEntry(43, 1737270120123L, EventType.ITEM_MODIFIED, "emp_01", "Zhang San",
                "mgr_01", "Li", GOLDEN.get(EventType.ITEM_MODIFIED)));
        assertThat(AuditEntry.of(golden(EventType.PAYMENT_ADDED)))
                .extracting(AuditEntry::authorizerId, AuditEntry::authorizerName).containsExactly(null, null);
    }

    @Test
    void shortIdsAreTheFirstSixCharacters() {
        assertThat(AuditSentence.shortId("5d5cbd353c5e83d9")).isEqualTo("5d5cbd");
        assertThat(AuditSentence.shortId("abc")).isEqualTo("abc");
    }

    /** The issue's four colas, decided by the real rules, and what comes after on the same lines. */
    @Nested
    class ItemChanges_ {

        private final Till till = new Till();
        private final String order = till.open(T1);

        @Test
        void theIssuesExampleAndTheWayBack() {
            till.add(order, COLA, 4);

            assertThat(till.approved(modify(order, till.line(order, 0), 2, discount(50))))
                    .containsExactly("Zhang San applied a 50% discount to 2 of 4 Cola (5d5cbd), approved by Li: "
                            + "2 stay at full price (5d5cbd), 2 now discounted (46fa59)");
            assertThat(till.run(modify(order, till.line(order, 1), 1, discount(0))))
                    .containsExactly("Zhang San removed the 50% discount from 1 of 2 Cola (46fa59): "
                            + "1 stays at 50% off (46fa59), 1 now at full price, making 3 (5d5cbd)");
            assertThat(till.run(modify(order, till.line(order, 1), null, discount(0))))
                    .containsExactly("Zhang San removed the 50% discount from 1 Cola (46fa59): "
                            + "none left at 50% off (46fa59), 1 now at full price, making 4 (5d5cbd)");
            assertThat(till.approved(modify(order, till.line(order, 0), null, discount(10))))
                    .containsExactly("Zhang San applied a 10% discount to 4 Cola (5d5cbd), approved by Li: "
                            + "4 now discounted (42ae02)");
            assertThat(till.approved(modify(order, till.line(order, 0), 1, discount(25))))
                    .containsExactly("Zhang San changed the discount of 1 of 4 Cola (42ae02) from 10% to 25%, "
                            + "approved by Li: 3 stay at 10% off (42ae02), 1 now at 25% off (485eb0)");
        }

        @Test
        void priceOptionsSpecAndNote() {
            till.add(order, BURGER, 2);

            assertThat(till.approved(modify(order, till.line(order, 0), 1,
                    new ItemChanges(1000L, null, null, null, null))))
                    .containsExactly("Zhang San changed the price of 1 of 2 Burger (985e43) from 12.50 to 10.00, "
                            + "approved by Li: 1 stays at 12.50 (985e43), 1 now at 10.00 (b1e47a)");
            assertThat(till.run(modify(order, till.line(order, 0), null,
                    new ItemChanges(null, null, List.of("no onion", "extra cheese"), null, null))))
                    .containsExactly("Zhang San changed the options of 1 Burger (985e43) from none to extra cheese "
                            + "and no onion: 1 now with extra cheese and no onion (6eaa09)");
            assertThat(till.run(modify(order, till.line(order, 0), null,
                    new ItemChanges(null, null, null, "well done", null))))
                    .containsExactly("Zhang San changed the spec of 1 Burger (6eaa09, with extra cheese and no onion) "
                            + "from none to well done: 1 now well done (deb06d)");
            assertThat(till.run(modify(order, till.line(order, 0), null,
                    new ItemChanges(null, null, null, null, "for the kid"))))
                    .containsExactly("Zhang San changed the note of 1 Burger (deb06d, well done, with extra cheese "
                            + "and no onion) from none to \"for the kid\": 1 now noted \"for the kid\" (71db82)");
            assertThat(till.approved(modify(order, till.line(order, 1), null,
                    new ItemChanges(900L, Percent.of(10), null, null, null))))
                    .containsExactly("Zhang San changed the price of 1 Burger (b1e47a) from 10.00 to 9.00 and its "
                            + "discount from none to 10%, approved by Li: 1 now at 9.00 and at 10% off (455f1e)");
        }

        @Test
        void addingWithADiscountAndRemovingPartOfALine() {
            assertThat(till.approved(new AddItems(order, List.of(new CartItem("cola", null, null, 3, Percent.of(20),
                    null, null, "no ice")))))
                    .containsExactly("Zhang San added 3 Cola (184464, note \"no ice\") at 3.00 each less 20%, "
                            + "approved by Li");
            assertThat(till.approved(new RemoveItem(order, till.line(order, 0), 2, null)))
                    .containsExactly("Zhang San removed 2 of 3 Cola (184464) worth 4.80, approved by Li: 1 left");
        }
    }

    @Nested
    class OrdersAndPayments {

        private final Till till = new Till();

        @Test
        void aCounterOrderMovedToATableMergedAndCompleted() {
            String counter = till.run("c-1", new OpenTable(null, "Takeaway 7", null, null, null)).orderId;
            assertThat(till.sentences).containsExactly("Zhang San opened a counter order \"Takeaway 7\"");
            String terrace = till.open(T3);
            assertThat(till.sentences.getLast()).isEqualTo("Zhang San opened Terrace 3, with a 12.5% surcharge");

            assertThat(till.run(new MoveOrder(counter, T1.id(), null))).containsExactly(
                    "Zhang San took the order off the counter to move it to Table 1",
                    "Zhang San moved the order from the counter to Table 1, with a 10% surcharge");
            assertThat(till.run(new MergeOrders(terrace, counter))).containsExactly(
                    "Zhang San merged this order into order c-1 at Table 1, with nothing on it",
                    "Zhang San merged order " + terrace + " from Terrace 3 into this order, with nothing on it");
            assertThat(till.run(new UpdateOrderInfo(counter, null, null, "Window"))).containsExactly(
                    "Zhang San set the table name to \"Window\"");
            assertThat(till.approved(new SetSurchargeExempt(counter, true))).containsExactly(
                    "Zhang San waived the surcharge on the order, approved by Li");
            assertThat(till.approved(new SetSurchargeExempt(counter, false))).containsExactly(
                    "Zhang San restored the surcharge on the order, approved by Li");
            till.add(counter, COLA, 2);
            assertThat(till.run("p-77aa88bb", new AddPayment(counter, "card", 300L, null, "auth-1")).sentences)
                    .containsExactly("Zhang San took payment p-77aa of 3.00 by card, reference \"auth-1\"");
            assertThat(till.run("p-99", new SplitOrder(counter, 360L, "cash", List.of())).sentences)
                    .containsExactly("Zhang San split the bill, taking payment p-99 of 3.60 by cash");
        }

        @Test
        void aManagerNeedsNoApprovalAndANamelessOperatorIsNamedById() {
            String order = till.open(T1);
            till.add(order, COLA, 1);

            Till.Outcome outcome = till.decide(MANAGER, null, "x", new RemoveItem(order, till.line(order, 0), null,
                    "spilled"));
            assertThat(outcome.sentences).containsExactly(
                    "Li removed 1 Cola (5d5cbd) worth 3.00 because \"spilled\": none left");

            RecordedEvent nameless = new RecordedEvent("e", 9, order, NOW, "emp_09", null, "c", 1, null,
                    new OrderEvent.OrderVoided("test", null, null));
            assertThat(AuditSentence.of(nameless)).isEqualTo("emp_09 voided the order because \"test\"");
        }
    }

    // ---------------------------------------------------------------------------------- helpers

    private static RecordedEvent golden(EventType type) throws IOException {
        try (InputStream in = AuditSentenceTest.class.getResourceAsStream("/golden/events/" + type + ".json")) {
            if (in == null) {
                throw new AssertionError("no golden file for " + type);
            }
            return EventJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ModifyItem modify(String order, String instanceId, Integer affected, ItemChanges changes) {
        return new ModifyItem(order, instanceId, affected, changes);
    }

    private static ItemChanges discount(int percent) {
        return new ItemChanges(null, Percent.of(percent), null, null, null);
    }

    /** The cashier at a till: decides commands with the real rules, folds them in and says them. */
    private static final class Till {
        private final OrderBook book = new OrderBook();
        private final List<String> sentences = new ArrayList<>();
        private long sequence;

        record Outcome(String orderId, List<String> sentences) {}

        String open(Catalog.Table table) {
            return run("o-" + table.id(), new OpenTable(table.id(), null, null, null, null)).orderId;
        }

        /** The instance id of the order's line at {@code index}, in the order's line order. */
        String line(String order, int index) {
            return book.find(order).orElseThrow().items().get(index).instanceId();
        }

        void add(String order, Catalog.Product product, int quantity) {
            run(new AddItems(order, List.of(new CartItem(product.id(), null, null, quantity, null, null, null, null))));
        }

        List<String> run(OrderCommand command) {
            return decide(CASHIER, null, "id-" + sequence, command).sentences;
        }

        Outcome run(String newId, OrderCommand command) {
            return decide(CASHIER, null, newId, command);
        }

        List<String> approved(OrderCommand command) {
            return decide(CASHIER, MANAGER, "id-" + sequence, command).sentences;
        }

        Outcome decide(Actor operator, Actor approver, String newId, OrderCommand command) {
            Decision decision = OrderDecider.decide(book, command,
                    new CommandContext("c-" + sequence, NOW, operator, approver, newId, CATALOG));
            if (!(decision instanceof Decision.Accepted accepted)) {
                throw new AssertionError(command + " was refused: " + decision);
            }
            List<String> said = new ArrayList<>();
            for (Decision.Change change : accepted.changes()) {
                RecordedEvent event = new RecordedEvent("e-" + sequence, ++sequence, change.orderId(), NOW,
                        operator.id(), operator.name(), "c-" + sequence, EventType.SCHEMA_VERSION, null, change.event());
                book.apply(event);
                said.add(AuditSentence.of(event));
            }
            sentences.addAll(said);
            return new Outcome(accepted.orderId(), said);
        }
    }
}
