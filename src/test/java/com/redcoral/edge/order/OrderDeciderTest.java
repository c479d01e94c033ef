package com.redcoral.edge.order;

import static com.redcoral.edge.order.OrderFixture.BURGER;
import static com.redcoral.edge.order.OrderFixture.CASHIER;
import static com.redcoral.edge.order.OrderFixture.COLA;
import static com.redcoral.edge.order.OrderFixture.FRIES;
import static com.redcoral.edge.order.OrderFixture.MANAGER;
import static com.redcoral.edge.order.OrderFixture.NOW;
import static com.redcoral.edge.order.OrderFixture.OYSTER;
import static com.redcoral.edge.order.OrderFixture.SUPERVISOR;
import static com.redcoral.edge.order.OrderFixture.T1;
import static com.redcoral.edge.order.OrderFixture.T2;
import static com.redcoral.edge.order.OrderFixture.T3;
import static com.redcoral.edge.order.OrderFixture.added;
import static com.redcoral.edge.order.OrderFixture.cart;
import static com.redcoral.edge.order.OrderFixture.options;
import static com.redcoral.edge.order.OrderFixture.units;
import static com.redcoral.edge.order.OrderFixture.item;
import static com.redcoral.edge.order.OrderFixture.line;
import static com.redcoral.edge.order.OrderFixture.orders;
import static com.redcoral.edge.order.OrderFixture.result;
import static com.redcoral.edge.order.OrderFixture.standingPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.redcoral.edge.order.Catalog.Product;
import com.redcoral.edge.order.Decision.Change;
import com.redcoral.edge.order.OrderCommand.AddItems;
import com.redcoral.edge.order.OrderCommand.AddPayment;
import com.redcoral.edge.order.OrderCommand.CancelPayment;
import com.redcoral.edge.order.OrderCommand.CartItem;
import com.redcoral.edge.order.OrderCommand.CompleteOrder;
import com.redcoral.edge.order.OrderCommand.ItemChanges;
import com.redcoral.edge.order.OrderCommand.MergeOrders;
import com.redcoral.edge.order.OrderCommand.ModifyItem;
import com.redcoral.edge.order.OrderCommand.MoveOrder;
import com.redcoral.edge.order.OrderCommand.OpenTable;
import com.redcoral.edge.order.OrderCommand.RemoveItem;
import com.redcoral.edge.order.OrderCommand.SetSurchargeExempt;
import com.redcoral.edge.order.OrderCommand.SplitItem;
import com.redcoral.edge.order.OrderCommand.SplitOrder;
import com.redcoral.edge.order.OrderCommand.UpdateOrderInfo;
import com.redcoral.edge.order.OrderCommand.VoidOrder;
import com.redcoral.edge.order.OrderEvent.Action;
import com.redcoral.edge.order.OrderEvent.ItemModified;
import com.redcoral.edge.order.OrderEvent.ItemRemoved;
import com.redcoral.edge.order.OrderEvent.ItemsAdded;
import com.redcoral.edge.order.OrderEvent.Operation;
import com.redcoral.edge.order.OrderEvent.OrderCompleted;
import com.redcoral.edge.order.OrderEvent.OrderInfoUpdated;
import com.redcoral.edge.order.OrderEvent.OrderMerged;
import com.redcoral.edge.order.OrderEvent.OrderMergedOut;
import com.redcoral.edge.order.OrderEvent.OrderMoved;
import com.redcoral.edge.order.OrderEvent.OrderMovedOut;
import com.redcoral.edge.order.OrderEvent.OrderSplit;
import com.redcoral.edge.order.OrderEvent.OrderVoided;
import com.redcoral.edge.order.OrderEvent.PaymentAdded;
import com.redcoral.edge.order.OrderEvent.PaymentCancelled;
import com.redcoral.edge.order.OrderEvent.SplitLine;
import com.redcoral.edge.order.OrderEvent.SurchargeExemptSet;
import com.redcoral.edge.order.OrderEvent.TableOpened;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of PROTOCOL.md §2 and every rejection {@link OrderDecider} can raise, as
 * given/when/then scenarios over {@link OrderFixture}. UNKNOWN_OPERATOR, NOT_PRIMARY and
 * STORAGE_UNAVAILABLE are the node's, not the decider's, and are tested there.
 */
class OrderDeciderTest {

    private static final Percent HALL_SURCHARGE = Percent.of(10);
    private static final Percent TERRACE_SURCHARGE = Percent.parse("12.5");
    private static final String NO_SUCH_LINE = "0123456789abcdef";

    /** Order o1 at table 1 (hall, 10 %) with 4 colas on one line: 1200 + 120 surcharge = 1320. */
    private static OrderFixture fourColasAtTable1() {
        return orders().givenOpen("o1", T1).givenItems("o1", COLA, 4);
    }

    private static String cola() {
        return line(COLA, 1).instanceId();
    }

    private static ItemChanges discount(int percent) {
        return new ItemChanges(null, Percent.of(percent), null, null, null);
    }

    private static ItemChanges price(long price) {
        return new ItemChanges(price, null, null, null, null);
    }

    private static ItemChanges note(String note) {
        return new ItemChanges(null, null, null, null, note);
    }

    private static CartItem discounted(Product product, int quantity,
                                       int percent) {
        return new CartItem(product.id(), null, null, quantity, Percent.of(percent), null, null, null);
    }

    private static CartItem priced(Product product, long price, int quantity) {
        return new CartItem(product.id(), null, price, quantity, null, null, null, null);
    }

    // ------------------------------------------------------------------------------ OPEN_TABLE

    @Nested
    class OpenTableCommand {

        @Test
        void opensAnOrderAtAFreeTableWithTheTablesNameZoneAndSurcharge() {
            OrderFixture f = orders();

            f.when(new OpenTable("t1", "Some label", "terrace", 4, "window seat")).by(CASHIER).withNewId("o1")
                    .thenChanges(new Change("o1",
                            new TableOpened("t1", "Table 1", "hall", 4, "window seat", HALL_SURCHARGE)));

            assertThat(f.lastAccepted().orderId()).isEqualTo("o1");
            assertThat(f.book().activeAtTable("t1")).map(Order::orderId).contains("o1");
            Order o1 = f.order("o1");
            assertThat(o1.status()).isEqualTo(OrderStatus.ACTIVE);
            assertThat(o1.openedAt()).isEqualTo(NOW);
            assertThat(o1.items()).isEmpty();
            assertThat(o1.total()).isZero();
        }

        @Test
        void opensACounterOrderInTheNamedZone() {
            orders().when(new OpenTable(null, "Take-away 7", "terrace", 1, null)).withNewId("o7")
                    .thenChanges(new Change("o7",
                            new TableOpened(null, "Take-away 7", "terrace", 1, null, TERRACE_SURCHARGE)));
        }

        @Test
        void opensACounterOrderWithoutZoneAndSurcharge() {
            orders().when(new OpenTable(null, null, null, null, null)).withNewId("o7")
                    .thenEvents(new TableOpened(null, null, null, null, null, Percent.ZERO));
        }

        @Test
        void refusesATableNotInTheCatalog() {
            orders().when(new OpenTable("t99", null, null, null, null)).thenRejected(ErrorCode.TABLE_NOT_FOUND);
        }

        @Test
        void refusesATableThatHasAnActiveOrder() {
            orders().givenOpen("o1", T1)
                    .when(new OpenTable("t1", null, null, 2, null)).by(CASHIER).withNewId("o2")
                    .thenRejected(ErrorCode.TABLE_OCCUPIED);
        }

        @Test
        void aTableIsFreeAgainOnceItsOrderIsClosed() {
            OrderFixture f = orders().givenOpen("o1", T1).givenCommand(new VoidOrder("o1", "no show"));

            f.when(new OpenTable("t1", null, null, null, null)).withNewId("o2")
                    .thenEvents(new TableOpened("t1", "Table 1", "hall", null, null, HALL_SURCHARGE));

            assertThat(f.book().activeAtTable("t1")).map(Order::orderId).contains("o2");
        }

        @Test
        void refusesACounterOrderInAnUnknownZone() {
            Rejection rejection = orders().when(new OpenTable(null, "Take-away", "rooftop", null, null))
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).startsWith("zone_id");
        }
    }

    // ------------------------------------------------------------------------------- ADD_ITEMS

    @Nested
    class AddItemsCommand {

        @Test
        void commandsBuiltInCodeWithImmutableListsAreValid() {
            orders().givenOpen("o1", T1).when(new AddItems("o1", List.of(item(COLA, 1))))
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 1))), null, null));
        }

        @Test
        void anOrderTooLargeToTotalIsRefusedNotThrown() {
            OrderFixture f = orders().givenCounterOrder("o1", "hall");
            f.givenCommand(new AddItems("o1", List.of(new CartItem("cola", null, Money.MAX_AMOUNT, 999, null,
                    null, null, null))));

            Rejection rejection = f.when(new AddItems("o1", colasAtTheLargestPrice()))
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).contains("more than the " + Money.MAX_ORDER_SUBTOTAL);
        }

        /** 200 lines of 9,999 units at the largest price: far more than an order may hold. */
        private static List<CartItem> colasAtTheLargestPrice() {
            return java.util.stream.IntStream.range(0, 200).mapToObj(i -> new CartItem("cola", null,
                    Money.MAX_AMOUNT, Money.MAX_QUANTITY, null, null, null, "line " + i)).toList();
        }

        @Test
        void addsProductsWithTheCatalogsNameAndPrice() {
            OrderFixture f = orders().givenOpen("o1", T1);
            CartItem colaNamedByTheTerminal = new CartItem("cola", "Coke", null, 2, null, null, null, null);

            f.when(new AddItems("o1", cart(colaNamedByTheTerminal, item(BURGER, 1)))).by(CASHIER)
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 2)), added(line(BURGER, 1))), null, null));

            assertThat(f.order("o1").items()).containsExactly(line(COLA, 2), line(BURGER, 1));
        }

        @Test
        void unitsWithEqualAttributesShareOneLine() {
            OrderFixture f = orders().givenOpen("o1", T1);

            f.when(new AddItems("o1", cart(item(COLA, 1), item(COLA, 2)))).by(CASHIER)
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 1)), added(line(COLA, 2))), null, null));
            assertThat(f.order("o1").items()).containsExactly(line(COLA, 3));

            f.when(new AddItems("o1", cart(item(COLA, 1)))).by(CASHIER)
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 1))), null, null));
            assertThat(f.order("o1").items()).containsExactly(line(COLA, 4));
        }

        @Test
        void optionsAreASetSoTheirOrderDoesNotChangeTheLine() {
            OrderFixture f = orders().givenOpen("o1", T1);
            CartItem noIceLemon = new CartItem("cola", null, null, 1, null, options("no ice", "lemon"), null, null);
            CartItem lemonNoIce = new CartItem("cola", null, null, 1, null, options(" lemon ", "no ice", "lemon"),
                    null, null);
            Line withOptions = Line.of("cola", "Cola", 300, 1, Percent.ZERO, List.of("lemon", "no ice"), null, null);

            f.when(new AddItems("o1", cart(noIceLemon, lemonNoIce))).by(CASHIER)
                    .thenEvents(new ItemsAdded(List.of(added(withOptions), added(withOptions)), null, null));

            assertThat(f.order("o1").items()).containsExactly(withOptions.withQuantity(2));
            assertThat(InstanceId.of("cola", 300, Percent.ZERO, List.of("no ice", "lemon"), null, null))
                    .isEqualTo(InstanceId.of("cola", 300, Percent.ZERO, List.of("lemon", "no ice"), null, null))
                    .isEqualTo(withOptions.instanceId())
                    .isNotEqualTo(cola());
        }

        @Test
        void refusesAProductNotInTheCatalogAndAddsNothingElse() {
            orders().givenOpen("o1", T1)
                    .when(new AddItems("o1", cart(item(COLA, 1),
                            new CartItem("pizza", "Pizza", 900L, 1, null, null, null, null))))
                    .thenRejected(ErrorCode.PRODUCT_NOT_FOUND);
        }

        @Test
        void refusesAProductThatIsNotOnSale() {
            orders().givenOpen("o1", T1)
                    .when(new AddItems("o1", cart(item(OYSTER, 1))))
                    .thenRejected(ErrorCode.PRODUCT_NOT_FOUND);
        }

        @Test
        void aPriceOverrideNeedsAnApprovalHoldingOrderPriceOverride() {
            OrderFixture f = orders().givenOpen("o1", T1);
            AddItems cheapCola = new AddItems("o1", cart(priced(COLA, 250, 1)));

            f.when(cheapCola).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(cheapCola).by(CASHIER).approvedBy(SUPERVISOR).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(cheapCola).by(CASHIER).approvedBy(MANAGER)
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 250, 1, 0))), "mgr_01", "Li"));

            assertThat(added(line(COLA, 250, 1, 0)).catalogPrice()).isEqualTo(300);
            assertThat(f.order("o1").items()).containsExactly(line(COLA, 250, 1, 0));
        }

        @Test
        void theCatalogPriceSpelledOutIsNoOverride() {
            orders().givenOpen("o1", T1)
                    .when(new AddItems("o1", cart(priced(COLA, 300, 1)))).by(CASHIER)
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 1))), null, null));
        }

        @Test
        void aDiscountOnAnAddedItemNeedsOrderDiscount() {
            OrderFixture f = orders().givenOpen("o1", T1);
            AddItems halfPriceBurger = new AddItems("o1", cart(discounted(BURGER, 1, 20)));

            f.when(halfPriceBurger).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(halfPriceBurger).by(CASHIER).approvedBy(SUPERVISOR)
                    .thenEvents(new ItemsAdded(List.of(added(line(BURGER, 1, 20))), "sup_01", "Chen"));
        }

        @Test
        void theApproverMustHoldEveryPermissionTheOperatorLacks() {
            CartItem discountedAndOverridden = new CartItem("burger", null, 1000L, 1, Percent.of(10), null, null,
                    null);

            orders().givenOpen("o1", T1)
                    .when(new AddItems("o1", cart(discountedAndOverridden))).by(CASHIER).approvedBy(SUPERVISOR)
                    .thenRejected(ErrorCode.AUTHORIZATION_FAILED);
        }

        @Test
        void aLineMayGrowToTheLineLimitButNotPastIt() {
            OrderFixture f = orders().givenOpen("o1", T1)
                    .given("o1", new ItemsAdded(List.of(added(line(COLA, Money.MAX_LINE_QUANTITY - 1))), null,
                            null));

            f.when(new AddItems("o1", cart(item(COLA, 1))))
                    .thenEvents(new ItemsAdded(List.of(added(line(COLA, 1))), null, null));
            assertThat(f.order("o1").items()).containsExactly(line(COLA, Money.MAX_LINE_QUANTITY));

            Rejection rejection = f.when(new AddItems("o1", cart(item(COLA, 1))))
                    .thenRejected(ErrorCode.INVALID_COMMAND);
            assertThat(rejection.message()).startsWith("quantity");
        }

        @Test
        void oneCommandCannotPushALinePastTheLineLimit() {
            List<CartItem> elevenTimesTheMaximum = Collections.nCopies(11, item(COLA, Money.MAX_QUANTITY));

            orders().givenOpen("o1", T1)
                    .when(new AddItems("o1", elevenTimesTheMaximum))
                    .thenRejected(ErrorCode.INVALID_COMMAND);
        }
    }

    // ----------------------------------------------------------------------------- MODIFY_ITEM

    @Nested
    class ModifyItemCommand {

        /** PROTOCOL.md §2, "Item instances" and the ITEM_MODIFIED example. */
        @Test
        void aDiscountOnPartOfALineSplitsItAndRemovingItMergesItBack() {
            OrderFixture f = fourColasAtTable1();
            Line abc4 = line(COLA, 4);
            Line abc2 = line(COLA, 2);
            Line def2 = line(COLA, 2, 50);

            f.when(new ModifyItem("o1", abc4.instanceId(), 2, discount(50))).by(CASHIER).approvedBy(MANAGER)
                    .thenEvents(new ItemModified(Operation.APPLY_DISCOUNT, abc4, 2, discount(50),
                            List.of(result(abc2, Action.UNCHANGED), result(def2, Action.CREATED)), "mgr_01", "Li"));

            assertThat(def2.instanceId()).isNotEqualTo(abc4.instanceId());
            assertThat(f.order("o1").items()).containsExactly(abc2, def2);

            f.when(new ModifyItem("o1", def2.instanceId(), null, discount(0))).by(CASHIER)
                    .thenEvents(new ItemModified(Operation.REMOVE_DISCOUNT, def2, 2, discount(0),
                            List.of(result(def2.withQuantity(0), Action.REMOVED), result(abc4, Action.MERGED)),
                            null, null));

            assertThat(f.order("o1").items()).containsExactly(abc4);
            assertThat(f.order("o1").items().getFirst().instanceId()).isEqualTo(abc4.instanceId());
        }

        @Test
        void aCashiersDiscountNeedsAnApproval() {
            OrderFixture f = fourColasAtTable1();
            ModifyItem halfPrice = new ModifyItem("o1", cola(), 2, discount(50));

            f.when(halfPrice).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(halfPrice).by(CASHIER).approvedBy(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
        }

        @Test
        void changingTheWholeLineUpdatesIt() {
            Line withNote = Line.of("cola", "Cola", 300, 4, Percent.ZERO, List.of(), null, "no ice");

            OrderFixture f = fourColasAtTable1()
                    .when(new ModifyItem("o1", cola(), null, note("no ice"))).by(CASHIER)
                    .thenEvents(new ItemModified(Operation.CHANGE_NOTE, line(COLA, 4), 4, note("no ice"),
                            List.of(result(withNote, Action.UPDATED)), null, null));

            assertThat(f.order("o1").items()).containsExactly(withNote);
        }

        @Test
        void severalChangesAtOnceAreAChangeOfAttributes() {
            ItemChanges largeWithLemon = new ItemChanges(null, null, options("lemon"), "large", null);
            Line changed = Line.of("cola", "Cola", 300, 1, Percent.ZERO, List.of("lemon"), "large", null);

            fourColasAtTable1()
                    .when(new ModifyItem("o1", cola(), 1, largeWithLemon)).by(CASHIER)
                    .thenEvents(new ItemModified(Operation.CHANGE_ATTRIBUTES, line(COLA, 4), 1, largeWithLemon,
                            List.of(result(line(COLA, 3), Action.UNCHANGED), result(changed, Action.CREATED)),
                            null, null));
        }

        @Test
        void changedUnitsJoinAnExistingEqualLine() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand(new AddItems("o1", cart(discounted(COLA, 2, 50))));

            f.when(new ModifyItem("o1", cola(), 1, discount(50)))
                    .thenEvents(new ItemModified(Operation.APPLY_DISCOUNT, line(COLA, 4), 1, discount(50),
                            List.of(result(line(COLA, 3), Action.UNCHANGED), result(line(COLA, 3, 50), Action.MERGED)),
                            null, null));

            assertThat(f.order("o1").items()).containsExactly(line(COLA, 3), line(COLA, 3, 50));
        }

        @Test
        void aPriceOverrideNeedsOrderPriceOverride() {
            OrderFixture f = fourColasAtTable1();
            ModifyItem cheaper = new ModifyItem("o1", cola(), null, price(250));

            f.when(cheaper).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(cheaper).by(CASHIER).approvedBy(SUPERVISOR).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(cheaper).by(MANAGER)
                    .thenEvents(new ItemModified(Operation.OVERRIDE_PRICE, line(COLA, 4), 4, price(250),
                            List.of(result(line(COLA, 250, 4, 0), Action.UPDATED)), null, null));
        }

        @Test
        void settingThePriceBackToTheCatalogsNeedsNoPermission() {
            Line overridden = line(COLA, 250, 1, 0);

            orders().givenOpen("o1", T1).givenCommand(new AddItems("o1", cart(priced(COLA, 250, 1))))
                    .when(new ModifyItem("o1", overridden.instanceId(), null, price(300))).by(CASHIER)
                    .thenEvents(new ItemModified(Operation.OVERRIDE_PRICE, overridden, 1, price(300),
                            List.of(result(line(COLA, 1), Action.UPDATED)), null, null));
        }

        @Test
        void refusesAChangeThatChangesNothing() {
            OrderFixture f = fourColasAtTable1();

            Rejection rejection = f.when(new ModifyItem("o1", cola(), null, discount(0)))
                    .thenRejected(ErrorCode.INVALID_COMMAND);
            assertThat(rejection.message()).startsWith("changes");
            f.when(new ModifyItem("o1", cola(), 2, price(300))).thenRejected(ErrorCode.INVALID_COMMAND);
            f.when(new ModifyItem("o1", cola(), null, note("   "))).thenRejected(ErrorCode.INVALID_COMMAND);
        }

        @Test
        void refusesALineNotOnTheOrder() {
            fourColasAtTable1()
                    .when(new ModifyItem("o1", NO_SUCH_LINE, null, discount(10)))
                    .thenRejected(ErrorCode.ITEM_NOT_FOUND);
        }

        @Test
        void refusesMoreUnitsThanTheLineHolds() {
            fourColasAtTable1()
                    .when(new ModifyItem("o1", cola(), 5, discount(10)))
                    .thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void refusesUnitsAlreadyPaidForByASplit() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand("s1", new SplitOrder("o1", 990L, "card", units(new SplitItem(cola(), 3))));

            f.when(new ModifyItem("o1", cola(), 2, discount(50))).thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);
            f.when(new ModifyItem("o1", cola(), 1, discount(50)))
                    .thenEvents(new ItemModified(Operation.APPLY_DISCOUNT, line(COLA, 4), 1, discount(50),
                            List.of(result(line(COLA, 3), Action.UNCHANGED), result(line(COLA, 1, 50), Action.CREATED)),
                            null, null));
        }

        @Test
        void refusesADiscountBelowWhatIsAlreadyPaid() {
            fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .when(new ModifyItem("o1", cola(), null, discount(50)))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }
    }

    // ----------------------------------------------------------------------------- REMOVE_ITEM

    @Nested
    class RemoveItemCommand {

        @Test
        void removesSomeUnitsOfALine() {
            OrderFixture f = fourColasAtTable1()
                    .when(new RemoveItem("o1", cola(), 1, "spilled"))
                    .thenEvents(new ItemRemoved(cola(), "cola", "Cola", 300, Percent.ZERO, 1, 3, "spilled", null,
                            null));

            assertThat(f.order("o1").items()).containsExactly(line(COLA, 3));
        }

        @Test
        void removesTheWholeLineByDefault() {
            OrderFixture f = fourColasAtTable1()
                    .when(new RemoveItem("o1", cola(), null, null))
                    .thenEvents(new ItemRemoved(cola(), "cola", "Cola", 300, Percent.ZERO, 4, 0, null, null, null));

            assertThat(f.order("o1").items()).isEmpty();
            assertThat(f.order("o1").total()).isZero();
        }

        @Test
        void needsOrderRemoveItem() {
            OrderFixture f = fourColasAtTable1();
            RemoveItem removeOne = new RemoveItem("o1", cola(), 1, null);

            f.when(removeOne).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(removeOne).by(CASHIER).approvedBy(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(removeOne).by(CASHIER).approvedBy(SUPERVISOR)
                    .thenEvents(new ItemRemoved(cola(), "cola", "Cola", 300, Percent.ZERO, 1, 3, null, "sup_01",
                            "Chen"));
        }

        @Test
        void refusesALineNotOnTheOrder() {
            fourColasAtTable1().when(new RemoveItem("o1", NO_SUCH_LINE, null, null))
                    .thenRejected(ErrorCode.ITEM_NOT_FOUND);
        }

        @Test
        void refusesMoreUnitsThanTheLineHolds() {
            fourColasAtTable1().when(new RemoveItem("o1", cola(), 5, null))
                    .thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void refusesUnitsPaidForByASplitUntilThatPaymentIsCancelled() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand("s1", new SplitOrder("o1", 990L, "card", units(new SplitItem(cola(), 3))));

            f.when(new RemoveItem("o1", cola(), 2, null)).thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);

            f.givenCommand(new CancelPayment("o1", "s1", "guest changed their mind"))
                    .when(new RemoveItem("o1", cola(), null, null))
                    .thenEvents(new ItemRemoved(cola(), "cola", "Cola", 300, Percent.ZERO, 4, 0, null, null, null));
        }

        @Test
        void refusesToRemoveBelowWhatIsAlreadyPaid() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 900);

            f.when(new RemoveItem("o1", cola(), 2, null)).thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
            f.when(new RemoveItem("o1", cola(), 1, null))
                    .thenEvents(new ItemRemoved(cola(), "cola", "Cola", 300, Percent.ZERO, 1, 3, null, null, null));
            assertThat(f.order("o1").remaining()).isEqualTo(990 - 900);
        }
    }

    // ----------------------------------------------------------------------------- ADD_PAYMENT

    @Nested
    class AddPaymentCommand {

        @Test
        void recordsACardPayment() {
            OrderFixture f = fourColasAtTable1()
                    .when(new AddPayment("o1", "card", 1320L, null, "auth-4711")).by(CASHIER).withNewId("p1")
                    .thenEvents(new PaymentAdded("p1", "card", 1320, null, null, "auth-4711"));

            Order o1 = f.order("o1");
            assertThat(o1.payments()).containsExactly(
                    new Payment("p1", "card", 1320, null, null, "auth-4711", List.of(), false, null));
            assertThat(o1.paidTotal()).isEqualTo(1320);
            assertThat(o1.remaining()).isZero();
        }

        @Test
        void aCashPaymentRecordsTheChange() {
            fourColasAtTable1()
                    .when(new AddPayment("o1", "cash", 1320L, 2000L, null)).by(CASHIER).withNewId("p1")
                    .thenEvents(new PaymentAdded("p1", "cash", 1320, 2000L, 680L, null));
        }

        @Test
        void refusesToPayMoreThanRemains() {
            OrderFixture f = fourColasAtTable1();

            f.when(new AddPayment("o1", "cash", 1321L, null, null)).thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
            f.givenPayment("o1", "p1", 1000)
                    .when(new AddPayment("o1", "cash", 321L, null, null))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }

        @Test
        void refusesAPaymentOnAnEmptyOrder() {
            orders().givenOpen("o1", T1)
                    .when(new AddPayment("o1", "cash", 1L, null, null))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }
    }

    // -------------------------------------------------------------------------- CANCEL_PAYMENT

    @Nested
    class CancelPaymentCommand {

        @Test
        void cancelsAStandingPayment() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .when(new CancelPayment("o1", "p1", "wrong card"))
                    .thenEvents(new PaymentCancelled("p1", "card", 1320, "wrong card", null, null));

            Order o1 = f.order("o1");
            assertThat(o1.payment("p1")).get().satisfies(p -> {
                assertThat(p.cancelled()).isTrue();
                assertThat(p.cancelReason()).isEqualTo("wrong card");
            });
            assertThat(o1.paidTotal()).isZero();
            assertThat(o1.remaining()).isEqualTo(1320);
        }

        @Test
        void needsOrderCancelPayment() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 1320);
            CancelPayment cancel = new CancelPayment("o1", "p1", "wrong card");

            f.when(cancel).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(cancel).by(CASHIER).approvedBy(SUPERVISOR).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(cancel).by(CASHIER).approvedBy(MANAGER)
                    .thenEvents(new PaymentCancelled("p1", "card", 1320, "wrong card", "mgr_01", "Li"));
        }

        @Test
        void refusesAPaymentNotOnTheOrder() {
            OrderFixture f = fourColasAtTable1()
                    .givenOpen("o2", T2).givenItems("o2", COLA, 1).givenPayment("o2", "p2", 330);

            f.when(new CancelPayment("o1", "p9", "typo")).thenRejected(ErrorCode.PAYMENT_NOT_FOUND);
            f.when(new CancelPayment("o1", "p2", "wrong order")).thenRejected(ErrorCode.PAYMENT_NOT_FOUND);
        }

        @Test
        void refusesAPaymentCancelledBefore() {
            fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .givenCommand(new CancelPayment("o1", "p1", "wrong card"))
                    .when(new CancelPayment("o1", "p1", "again"))
                    .thenRejected(ErrorCode.PAYMENT_ALREADY_CANCELLED);
        }
    }

    // ----------------------------------------------------------------------------- SPLIT_ORDER

    @Nested
    class SplitOrderCommand {

        @Test
        void byItemsPaysTheValueOfTheUnitsPlusSurcharge() {
            String burger = line(BURGER, 1).instanceId();
            OrderFixture f = fourColasAtTable1().givenItems("o1", BURGER, 1);
            // 2 × 300 + 1 × 1250 = 1850, with 10 % surcharge 2035; the order is 2450 + 245 = 2695
            List<SplitItem> units = units(new SplitItem(cola(), 2), new SplitItem(burger, 1));

            f.when(new SplitOrder("o1", 2035L, "card", units)).by(CASHIER).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "card", 2035, List.of(
                            new SplitLine(cola(), "Cola", 2, 600), new SplitLine(burger, "Burger", 1, 1250))));

            Order o1 = f.order("o1");
            assertThat(o1.paidTotal()).isEqualTo(2035);
            assertThat(o1.remaining()).isEqualTo(660);
            assertThat(o1.paidUnitsOf(cola())).isEqualTo(2);
            assertThat(o1.payment("s1")).map(Payment::items).contains(units);
        }

        @Test
        void aQuoteGivesTheAmountASplitByThoseItemsMustPay() {
            String burger = line(BURGER, 1).instanceId();
            OrderFixture f = fourColasAtTable1().givenItems("o1", BURGER, 1);
            List<SplitItem> units = units(new SplitItem(cola(), 1), new SplitItem(burger, 1), new SplitItem(cola(), 1));

            SplitQuote quote = OrderDecider.quoteSplit(f.order("o1"), units);

            // the lines' values 600 + 1250, and 10 % of them: what byItemsPaysTheValueOfTheUnitsPlusSurcharge pays
            assertThat(quote).isEqualTo(new SplitQuote.Priced(List.of(new SplitLine(cola(), "Cola", 2, 600),
                    new SplitLine(burger, "Burger", 1, 1250)), 185, 2035));
            f.when(new SplitOrder("o1", 2035L, "card", units)).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "card", 2035, ((SplitQuote.Priced) quote).lines()));
        }

        @Test
        void aQuoteOnAnExemptOrderHasNoSurchargeAndRoundsEachLineHalfUp() {
            String fries = line(FRIES, 1, 50).instanceId();
            OrderFixture f = orders().givenOpen("o1", T1)
                    .givenCommand(new AddItems("o1", cart(discounted(FRIES, 3, 50))))
                    .givenCommand(new SetSurchargeExempt("o1", true));

            assertThat(OrderDecider.quoteSplit(f.order("o1"), units(new SplitItem(fries, 1))))
                    .isEqualTo(new SplitQuote.Priced(List.of(new SplitLine(fries, "Fries", 1, 50)), 0, 50));
        }

        @Test
        void aQuoteRefusesWhatTheSplitWouldRefuse() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand("s1", new SplitOrder("o1", 990L, "card", units(new SplitItem(cola(), 3))));

            assertThat(OrderDecider.quoteSplit(f.order("o1"), units(new SplitItem(cola(), 2))))
                    .isInstanceOfSatisfying(SplitQuote.Refused.class, r -> assertThat(r.rejection().code())
                            .isEqualTo(ErrorCode.INSUFFICIENT_QUANTITY));
            assertThat(OrderDecider.quoteSplit(f.order("o1"), units(new SplitItem(NO_SUCH_LINE, 1))))
                    .isInstanceOfSatisfying(SplitQuote.Refused.class, r -> assertThat(r.rejection().code())
                            .isEqualTo(ErrorCode.ITEM_NOT_FOUND));
            f.givenCommand(new SplitOrder("o1", 330L, "cash", null))
                    .givenCommand(new CompleteOrder("o1", "R-1"));
            assertThat(OrderDecider.quoteSplit(f.order("o1"), units(new SplitItem(cola(), 1))))
                    .isInstanceOfSatisfying(SplitQuote.Refused.class, r -> assertThat(r.rejection().code())
                            .isEqualTo(ErrorCode.ORDER_NOT_ACTIVE));
        }

        @Test
        void byItemsRefusesAnAmountOtherThanTheirValue() {
            OrderFixture f = fourColasAtTable1();

            f.when(new SplitOrder("o1", 600L, "card", units(new SplitItem(cola(), 2))))
                    .thenRejected(ErrorCode.AMOUNT_MISMATCH);
            f.when(new SplitOrder("o1", 661L, "card", units(new SplitItem(cola(), 2))))
                    .thenRejected(ErrorCode.AMOUNT_MISMATCH);
        }

        @Test
        void byItemsValuesADiscountedLineRoundedHalfUp() {
            String fries = line(FRIES, 1, 50).instanceId();
            OrderFixture f = orders().givenCounterOrder("o1", null)
                    .givenCommand(new AddItems("o1", cart(discounted(FRIES, 3, 50))));

            // 3 × 99 at 50 % = 148.5 → 149; one unit alone is 49.5 → 50
            f.when(new SplitOrder("o1", 149L, "card", units(new SplitItem(fries, 3)))).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "card", 149, List.of(new SplitLine(fries, "Fries", 3, 149))));
            assertThat(f.order("o1").remaining()).isZero();
        }

        @Test
        void byItemsOnAnExemptOrderPaysNoSurcharge() {
            fourColasAtTable1().givenCommand(new SetSurchargeExempt("o1", true))
                    .when(new SplitOrder("o1", 600L, "card", units(new SplitItem(cola(), 2)))).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "card", 600, List.of(new SplitLine(cola(), "Cola", 2, 600))));
        }

        @Test
        void byItemsAddsUpUnitsOfTheSameLineNamedTwice() {
            fourColasAtTable1()
                    .when(new SplitOrder("o1", 660L, "card",
                            units(new SplitItem(cola(), 1), new SplitItem(cola(), 1)))).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "card", 660, List.of(new SplitLine(cola(), "Cola", 2, 600))));
        }

        @Test
        void unitsPaidForCannotBePaidForAgain() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand("s1", new SplitOrder("o1", 990L, "card", units(new SplitItem(cola(), 3))));

            f.when(new SplitOrder("o1", 660L, "card", units(new SplitItem(cola(), 2))))
                    .thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);
            f.when(new SplitOrder("o1", 330L, "card", units(new SplitItem(cola(), 1)))).withNewId("s2")
                    .thenEvents(new OrderSplit("s2", "card", 330, List.of(new SplitLine(cola(), "Cola", 1, 300))));
            assertThat(f.order("o1").remaining()).isZero();
        }

        @Test
        void cancellingTheSplitPaymentFreesItsUnits() {
            OrderFixture f = fourColasAtTable1()
                    .givenCommand("s1", new SplitOrder("o1", 990L, "card", units(new SplitItem(cola(), 3))))
                    .givenCommand(new CancelPayment("o1", "s1", "card declined"));

            assertThat(f.order("o1").paidUnitsOf(cola())).isZero();
            f.when(new SplitOrder("o1", 1320L, "cash", units(new SplitItem(cola(), 4)))).withNewId("s2")
                    .thenEvents(new OrderSplit("s2", "cash", 1320, List.of(new SplitLine(cola(), "Cola", 4, 1200))));
        }

        @Test
        void byItemsRefusesALineNotOnTheOrder() {
            fourColasAtTable1()
                    .when(new SplitOrder("o1", 330L, "card", units(new SplitItem(NO_SUCH_LINE, 1))))
                    .thenRejected(ErrorCode.ITEM_NOT_FOUND);
        }

        @Test
        void byAmountPaysPartOfWhatRemains() {
            OrderFixture f = fourColasAtTable1()
                    .when(new SplitOrder("o1", 500L, "cash", null)).by(CASHIER).withNewId("s1")
                    .thenEvents(new OrderSplit("s1", "cash", 500, List.of()));
            assertThat(f.order("o1").remaining()).isEqualTo(820);

            f.when(new SplitOrder("o1", 821L, "cash", null)).thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
            f.when(new SplitOrder("o1", 820L, "card", units())).withNewId("s2")
                    .thenEvents(new OrderSplit("s2", "card", 820, List.of()));
            assertThat(f.order("o1").remaining()).isZero();
        }

        @Test
        void byItemsRefusesWhatIsAlreadyPaidByAmount() {
            fourColasAtTable1()
                    .givenCommand(new SplitOrder("o1", 1000L, "cash", null))
                    .when(new SplitOrder("o1", 330L, "card", units(new SplitItem(cola(), 1))))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }

        /**
         * docs/orders.md: paying unit by unit can differ from the total by a cent, "the last guest then
         * pays the rest by amount". At 12.5 % each cola is 300 + 37.5 → 338, the two together 600 + 75.
         */
        @Test
        void theLastGuestPaysTheRoundingDifferenceByAmount() {
            OrderFixture f = orders().givenOpen("o1", T3).givenItems("o1", COLA, 2)
                    .givenCommand(new SplitOrder("o1", 338L, "card", units(new SplitItem(cola(), 1))));
            assertThat(f.order("o1").remaining()).isEqualTo(337);

            f.when(new SplitOrder("o1", 338L, "card", units(new SplitItem(cola(), 1))))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
            f.when(new SplitOrder("o1", 337L, "card", units(new SplitItem(cola(), 1))))
                    .thenRejected(ErrorCode.AMOUNT_MISMATCH);
            f.when(new SplitOrder("o1", 337L, "card", null)).withNewId("s2")
                    .thenEvents(new OrderSplit("s2", "card", 337, List.of()));
            assertThat(f.order("o1").remaining()).isZero();
        }
    }

    // ------------------------------------------------------------------------------ MOVE_ORDER

    @Nested
    class MoveOrderCommand {

        @Test
        void movesToAFreeTableTakingItsZoneAndSurcharge() {
            OrderFixture f = fourColasAtTable1();

            f.when(new MoveOrder("o1", "t3", null)).by(CASHIER)
                    .thenChanges(
                            new Change("o1", new OrderMovedOut("t1", "Table 1", "t3", "Terrace 3")),
                            new Change("o1", new OrderMoved("t1", "Table 1", "t3", "Terrace 3", "terrace",
                                    TERRACE_SURCHARGE)));

            assertThat(f.book().activeAtTable("t1")).isEmpty();
            assertThat(f.book().activeAtTable("t3")).map(Order::orderId).contains("o1");
            Order o1 = f.order("o1");
            assertThat(o1.tableId()).isEqualTo("t3");
            assertThat(o1.tableName()).isEqualTo("Terrace 3");
            assertThat(o1.zoneId()).isEqualTo("terrace");
            assertThat(o1.surchargeTotal()).isEqualTo(150);
            assertThat(o1.total()).isEqualTo(1350);

            f.when(new OpenTable("t1", null, null, null, null)).withNewId("o2")
                    .thenEvents(new TableOpened("t1", "Table 1", "hall", null, null, HALL_SURCHARGE));
        }

        @Test
        void movesACounterOrderOntoATable() {
            OrderFixture f = orders().givenCounterOrder("o1", null).givenItems("o1", COLA, 1);

            f.when(new MoveOrder("o1", "t2", null))
                    .thenEvents(
                            new OrderMovedOut(null, "Counter o1", "t2", "Table 2"),
                            new OrderMoved(null, "Counter o1", "t2", "Table 2", "hall", HALL_SURCHARGE));

            assertThat(f.order("o1").total()).isEqualTo(330);
            assertThat(f.book().activeAtTable("t2")).map(Order::orderId).contains("o1");
        }

        @Test
        void refusesATableNotInTheCatalog() {
            fourColasAtTable1().when(new MoveOrder("o1", "t99", null)).thenRejected(ErrorCode.TABLE_NOT_FOUND);
        }

        @Test
        void refusesATableThatHasAnActiveOrder() {
            fourColasAtTable1().givenOpen("o2", T2)
                    .when(new MoveOrder("o1", "t2", null))
                    .thenRejected(ErrorCode.TABLE_OCCUPIED);
        }

        @Test
        void refusesTheTableTheOrderIsAt() {
            Rejection rejection = fourColasAtTable1().when(new MoveOrder("o1", "t1", null))
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).startsWith("target_table_id");
        }

        @Test
        void refusesAZoneWithALowerSurchargeOnceThatIsPaid() {
            orders().givenOpen("o1", T3).givenItems("o1", COLA, 4).givenPayment("o1", "p1", 1350)
                    .when(new MoveOrder("o1", "t1", null))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }
    }

    // ---------------------------------------------------------------------------- MERGE_ORDERS

    @Nested
    class MergeOrdersCommand {

        /** o1 at table 1 with 4 colas and a burger; o2 at table 2 with 2 colas and fries, p1 standing, p2 cancelled. */
        private OrderFixture twoTables() {
            return fourColasAtTable1().givenItems("o1", BURGER, 1)
                    .givenOpen("o2", T2).givenItems("o2", COLA, 2).givenItems("o2", FRIES, 1)
                    .givenPayment("o2", "p1", 300).givenPayment("o2", "p2", 100)
                    .givenCommand(new CancelPayment("o2", "p2", "charged twice"));
        }

        @Test
        void movesTheSourcesLinesAndStandingPaymentsToTheTarget() {
            OrderFixture f = twoTables();
            List<Line> sourceLines = List.of(line(COLA, 2), line(FRIES, 1));
            List<Payment> standing = List.of(standingPayment("p1", "card", 300));

            f.when(new MergeOrders("o2", "o1")).by(CASHIER)
                    .thenChanges(
                            new Change("o2", new OrderMergedOut("o1", "t1", "Table 1", sourceLines, standing)),
                            new Change("o1", new OrderMerged("o2", "t2", "Table 2", sourceLines, standing)));

            assertThat(f.lastAccepted().orderId()).isEqualTo("o1");
            Order target = f.order("o1");
            assertThat(target.items()).containsExactly(line(COLA, 6), line(BURGER, 1), line(FRIES, 1));
            assertThat(target.payments()).isEqualTo(standing);
            // 1800 + 1250 + 99 = 3149, 10 % of it 314.9 → 315
            assertThat(target.total()).isEqualTo(3464);
            assertThat(target.remaining()).isEqualTo(3164);

            Order source = f.order("o2");
            assertThat(source.status()).isEqualTo(OrderStatus.MERGED);
            assertThat(source.mergedInto()).isEqualTo("o1");
            assertThat(source.items()).isEmpty();
            assertThat(source.payments()).containsExactly(
                    new Payment("p2", "card", 100, null, null, null, List.of(), true, "charged twice"));
            assertThat(source.closedAt()).isEqualTo(NOW);
            assertThat(f.book().activeAtTable("t2")).isEmpty();
            assertThat(f.book().activeAtTable("t1")).map(Order::orderId).contains("o1");
        }

        @Test
        void unitsPaidByASplitStayPaidOnTheTarget() {
            OrderFixture f = fourColasAtTable1()
                    .givenOpen("o2", T2).givenItems("o2", COLA, 2)
                    .givenCommand("s1", new SplitOrder("o2", 330L, "card", units(new SplitItem(cola(), 1))))
                    .givenCommand(new MergeOrders("o2", "o1"));

            assertThat(f.order("o1").paidUnitsOf(cola())).isEqualTo(1);
            f.when(new RemoveItem("o1", cola(), 6, null)).thenRejected(ErrorCode.INSUFFICIENT_QUANTITY);
        }

        @Test
        void refusesToMergeAnOrderIntoItself() {
            Rejection rejection = fourColasAtTable1().when(new MergeOrders("o1", "o1"))
                    .thenRejected(ErrorCode.INVALID_COMMAND);

            assertThat(rejection.message()).startsWith("source_order_id");
        }

        @Test
        void refusesASourceMergedBefore() {
            OrderFixture f = twoTables().givenCommand(new MergeOrders("o2", "o1"));

            f.when(new MergeOrders("o2", "o1")).thenRejected(ErrorCode.ORDER_NOT_ACTIVE);
            f.when(new AddItems("o2", cart(item(COLA, 1)))).thenRejected(ErrorCode.ORDER_NOT_ACTIVE);
        }

        @Test
        void refusesToLeaveTheTargetOverpaid() {
            // o2 on the terrace paid 338 for a cola; at table 1 (10 %) that cola is worth 330
            orders().givenOpen("o1", T1)
                    .givenOpen("o2", T3).givenItems("o2", COLA, 1).givenPayment("o2", "p1", 338)
                    .when(new MergeOrders("o2", "o1"))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }
    }

    // -------------------------------------------------------------------- SET_SURCHARGE_EXEMPT

    @Nested
    class SetSurchargeExemptCommand {

        @Test
        void waivesAndRestoresTheSurcharge() {
            OrderFixture f = fourColasAtTable1()
                    .when(new SetSurchargeExempt("o1", true))
                    .thenEvents(new SurchargeExemptSet(true, null, null));
            assertThat(f.order("o1").surchargeExempt()).isTrue();
            assertThat(f.order("o1").surchargeTotal()).isZero();
            assertThat(f.order("o1").total()).isEqualTo(1200);

            f.when(new SetSurchargeExempt("o1", false))
                    .thenEvents(new SurchargeExemptSet(false, null, null));
            assertThat(f.order("o1").total()).isEqualTo(1320);
        }

        @Test
        void needsOrderSurchargeExempt() {
            OrderFixture f = fourColasAtTable1();
            SetSurchargeExempt waive = new SetSurchargeExempt("o1", true);

            f.when(waive).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(waive).by(CASHIER).approvedBy(SUPERVISOR).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(waive).by(CASHIER).approvedBy(MANAGER).thenEvents(new SurchargeExemptSet(true, "mgr_01", "Li"));
        }

        @Test
        void refusesToWaiveASurchargeAlreadyPaid() {
            fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .when(new SetSurchargeExempt("o1", true))
                    .thenRejected(ErrorCode.PAYMENTS_EXCEED_TOTAL);
        }
    }

    // ----------------------------------------------------------------------- UPDATE_ORDER_INFO

    @Nested
    class UpdateOrderInfoCommand {

        @Test
        void changesOnlyTheFieldsNamed() {
            OrderFixture f = fourColasAtTable1()
                    .when(new UpdateOrderInfo("o1", 6, "birthday", null)).by(CASHIER)
                    .thenEvents(new OrderInfoUpdated(6, "birthday", null));
            assertThat(f.order("o1").guestCount()).isEqualTo(6);
            assertThat(f.order("o1").note()).isEqualTo("birthday");
            assertThat(f.order("o1").tableName()).isEqualTo("Table 1");

            f.when(new UpdateOrderInfo("o1", null, null, "Window")).by(CASHIER)
                    .thenEvents(new OrderInfoUpdated(null, null, "Window"));
            assertThat(f.order("o1").tableName()).isEqualTo("Window");
            assertThat(f.order("o1").guestCount()).isEqualTo(6);
        }
    }

    // -------------------------------------------------------------------------- COMPLETE_ORDER

    @Nested
    class CompleteOrderCommand {

        @Test
        void completesAFullyPaidOrder() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .when(new CompleteOrder("o1", "R-0001")).by(CASHIER)
                    .thenEvents(new OrderCompleted("R-0001", 1320, 1320));

            Order o1 = f.order("o1");
            assertThat(o1.status()).isEqualTo(OrderStatus.COMPLETED);
            assertThat(o1.isActive()).isFalse();
            assertThat(o1.receiptNumber()).isEqualTo("R-0001");
            assertThat(o1.closedAt()).isEqualTo(NOW);
            assertThat(f.book().activeAtTable("t1")).isEmpty();
        }

        @Test
        void refusesWhileSomethingRemains() {
            OrderFixture f = fourColasAtTable1();

            f.when(new CompleteOrder("o1", "R-0001")).thenRejected(ErrorCode.NOT_FULLY_PAID);
            f.givenPayment("o1", "p1", 1319)
                    .when(new CompleteOrder("o1", "R-0001")).thenRejected(ErrorCode.NOT_FULLY_PAID);
        }

        @Test
        void aCompletedOrderTakesNoMoreCommands() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 1320)
                    .givenCommand(new CompleteOrder("o1", "R-0001"));

            f.when(new CompleteOrder("o1", "R-0002")).thenRejected(ErrorCode.ORDER_NOT_ACTIVE);
            f.when(new AddItems("o1", cart(item(COLA, 1)))).thenRejected(ErrorCode.ORDER_NOT_ACTIVE);
        }
    }

    // ------------------------------------------------------------------------------ VOID_ORDER

    @Nested
    class VoidOrderCommand {

        @Test
        void voidsAnOrderWithoutPayments() {
            OrderFixture f = fourColasAtTable1()
                    .when(new VoidOrder("o1", "walked out"))
                    .thenEvents(new OrderVoided("walked out", null, null));

            Order o1 = f.order("o1");
            assertThat(o1.status()).isEqualTo(OrderStatus.VOIDED);
            assertThat(o1.voidReason()).isEqualTo("walked out");
            assertThat(o1.closedAt()).isEqualTo(NOW);
            assertThat(f.book().activeAtTable("t1")).isEmpty();
        }

        @Test
        void needsOrderVoid() {
            OrderFixture f = fourColasAtTable1();
            VoidOrder walkedOut = new VoidOrder("o1", "walked out");

            f.when(walkedOut).by(CASHIER).thenRejected(ErrorCode.AUTHORIZATION_REQUIRED);
            f.when(walkedOut).by(CASHIER).approvedBy(SUPERVISOR).thenRejected(ErrorCode.AUTHORIZATION_FAILED);
            f.when(walkedOut).by(CASHIER).approvedBy(MANAGER)
                    .thenEvents(new OrderVoided("walked out", "mgr_01", "Li"));
        }

        @Test
        void refusesWhilePaymentsStandAndAcceptsOnceTheyAreCancelled() {
            OrderFixture f = fourColasAtTable1().givenPayment("o1", "p1", 1000);

            f.when(new VoidOrder("o1", "walked out")).thenRejected(ErrorCode.ORDER_HAS_PAYMENTS);
            f.givenCommand(new CancelPayment("o1", "p1", "refunded"))
                    .when(new VoidOrder("o1", "walked out"))
                    .thenEvents(new OrderVoided("walked out", null, null));
        }
    }

    // ------------------------------------------------------------------ every command on an order

    /** Every command that names an order, for that order id; merges with it as source and as target. */
    static Stream<Arguments> commandsOn(String orderId) {
        return Stream.of(
                Arguments.of("ADD_ITEMS", new AddItems(orderId, cart(item(COLA, 1)))),
                Arguments.of("MODIFY_ITEM", new ModifyItem(orderId, NO_SUCH_LINE, null, discount(10))),
                Arguments.of("REMOVE_ITEM", new RemoveItem(orderId, NO_SUCH_LINE, null, null)),
                Arguments.of("ADD_PAYMENT", new AddPayment(orderId, "cash", 100L, null, null)),
                Arguments.of("CANCEL_PAYMENT", new CancelPayment(orderId, "p1", "mistake")),
                Arguments.of("SPLIT_ORDER", new SplitOrder(orderId, 100L, "card", null)),
                Arguments.of("MOVE_ORDER", new MoveOrder(orderId, "t3", null)),
                Arguments.of("MERGE_ORDERS (source)", new MergeOrders(orderId, "o1")),
                Arguments.of("MERGE_ORDERS (target)", new MergeOrders("o1", orderId)),
                Arguments.of("SET_SURCHARGE_EXEMPT", new SetSurchargeExempt(orderId, true)),
                Arguments.of("UPDATE_ORDER_INFO", new UpdateOrderInfo(orderId, 2, null, null)),
                Arguments.of("COMPLETE_ORDER", new CompleteOrder(orderId, "R-1")),
                Arguments.of("VOID_ORDER", new VoidOrder(orderId, "test")));
    }

    static Stream<Arguments> commandsOnAMissingOrder() {
        return commandsOn("o404");
    }

    static Stream<Arguments> commandsOnClosedOrders() {
        return Stream.of("completed", "voided", "merged").flatMap(closed -> commandsOn(closed)
                .map(args -> Arguments.of(closed + ": " + args.get()[0], args.get()[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOnAMissingOrder")
    void everyCommandOnAMissingOrderIsRefused(String label, OrderCommand command) {
        fourColasAtTable1().when(command).thenRejected(ErrorCode.ORDER_NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandsOnClosedOrders")
    void everyCommandOnAClosedOrderIsRefused(String label, OrderCommand command) {
        orders().givenOpen("o1", T1)
                .givenCounterOrder("completed", null).givenCommand(new CompleteOrder("completed", "R-0"))
                .givenCounterOrder("voided", null).givenCommand(new VoidOrder("voided", "test"))
                .givenCounterOrder("merged", null).givenCommand(new MergeOrders("merged", "o1"))
                .when(command)
                .thenRejected(ErrorCode.ORDER_NOT_ACTIVE);
    }

    // -------------------------------------------------------------------------------- totals

    @Nested
    class Totals {

        @Test
        void aLineIsRoundedHalfUpOnceNotPerUnit() {
            Line fries = line(FRIES, 3, 50);
            Order o1 = orders().givenCounterOrder("o1", null)
                    .givenCommand(new AddItems("o1", cart(discounted(FRIES, 3, 50))))
                    .order("o1");

            assertThat(o1.items()).containsExactly(fries);
            assertThat(fries.lineTotal()).isEqualTo(149);
            assertThat(o1.subtotal()).isEqualTo(297);
            assertThat(o1.discountTotal()).isEqualTo(148);
            assertThat(o1.surchargeTotal()).isZero();
            assertThat(o1.total()).isEqualTo(149);
        }

        @Test
        void theSurchargeIsOnSubtotalLessDiscountsRoundedHalfUpOnce() {
            OrderFixture f = orders().givenOpen("o1", T3)
                    .givenCommand(new AddItems("o1", cart(discounted(FRIES, 3, 50), item(BURGER, 1))))
                    .givenPayment("o1", "p1", 500);

            // 297 + 1250 = 1547, less 148 = 1399; 12.5 % of it 174.875 → 175
            Order o1 = f.order("o1");
            assertThat(o1.subtotal()).isEqualTo(1547);
            assertThat(o1.discountTotal()).isEqualTo(148);
            assertThat(o1.surchargePercent()).isEqualTo(TERRACE_SURCHARGE);
            assertThat(o1.surchargeTotal()).isEqualTo(175);
            assertThat(o1.total()).isEqualTo(1574);
            assertThat(o1.paidTotal()).isEqualTo(500);
            assertThat(o1.remaining()).isEqualTo(1074);

            Order exempt = f.givenCommand(new SetSurchargeExempt("o1", true)).order("o1");
            assertThat(exempt.surchargeTotal()).isZero();
            assertThat(exempt.total()).isEqualTo(1399);
            assertThat(exempt.remaining()).isEqualTo(899);
        }

        @Test
        void anExactHalfCentOfSurchargeRoundsUp() {
            Order o1 = orders().givenOpen("o1", T3).givenItems("o1", COLA, 1).order("o1");

            assertThat(o1.surchargeTotal()).isEqualTo(38);
            assertThat(o1.total()).isEqualTo(338);
        }
    }

    // -------------------------------------------------------------------------------- evolve

    @Nested
    class CorruptLog {

        @Test
        void anOrderMustStartWithTableOpened() {
            assertThatThrownBy(() -> orders()
                    .given("ghost", new ItemsAdded(List.of(added(line(COLA, 1))), null, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ghost")
                    .hasMessageContaining("TABLE_OPENED");
        }

        @Test
        void anOrderIsOpenedOnce() {
            TableOpened opened = new TableOpened("t1", "Table 1", "hall", null, null, HALL_SURCHARGE);

            assertThatThrownBy(() -> orders().given("o1", opened, opened))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void eventsMustNameLinesAndPaymentsTheOrderHas() {
            OrderFixture f = fourColasAtTable1();

            assertThatThrownBy(() -> f.given("o1",
                    new ItemRemoved(NO_SUCH_LINE, "cola", "Cola", 300, Percent.ZERO, 1, 0, null, null, null)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> f.given("o1", new ItemModified(Operation.APPLY_DISCOUNT, line(BURGER, 1), 1,
                    discount(10), List.of(result(line(BURGER, 1, 10), Action.UPDATED)), null, null)))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> f.given("o1", new PaymentCancelled("p9", "card", 100, "x", null, null)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
