package com.redcoral.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.client.SeverableProxy;
import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The browser POS in a real browser (headless Chromium) against a real node: what a cashier does, step by step,
 * each step on a screenshot under {@code target/screenshots/PosBrowserTest/}. One node for the class; each test has
 * tables of its own. The store is the test node's (cashier {@code emp_01}, manager {@code mgr_01} "Li"), with a few
 * more tables and dishes for the kitchen.
 */
class PosBrowserTest {

    @TempDir
    static Path dir;
    static Vertx proxies;
    static SeverableProxy proxy;
    static ClientTestNode node;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        proxies = Vertx.vertx();
        proxy = SeverableProxy.start(proxies, () -> node.port());
        node = ClientTestNode.networked(dir, List.of("http://127.0.0.1:" + proxy.port()));
        url = "http://127.0.0.1:" + node.port() + "/";
        for (String table : List.of("T3", "T4", "T5", "T6", "T7", "T8", "T9")) {
            node.changeResource("create", "dining_table", table, new JsonObject().put("name", "Table " + table.substring(1))
                    .put("zone_id", "hall").put("seats", 4));
        }
        node.changeResource("create", "dining_table", "P2", new JsonObject().put("name", "Terrace 2").put("zone_id", "terrace"));
        node.changeResource("create", "product", "soup", new JsonObject().put("name", "Tomato soup").put("price", 550)
                .put("category_id", "food"));
        node.changeResource("create", "product", "cake", new JsonObject().put("name", "Cheesecake").put("price", 650)
                .put("category_id", "food"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (proxies != null) {
            proxies.close().await();
        }
    }

    private static String folder(TestInfo test) {
        return "PosBrowserTest/" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void twoTillsSeeEachOthersChangesWithinASecond(TestInfo test) {
        try (Browser first = Browser.open(folder(test), "till-a", Browser.TILL);
             Browser second = Browser.open(folder(test), "till-b", Browser.TILL)) {
            Till a = new Till(first).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            Till b = new Till(second).open(url).signIn("mgr_01", ClientTestNode.MANAGER_PIN);
            first.shot("signed in, the floor");

            a.openTable("T1").ring("cola", "cola");
            first.shot("two colas sent");
            second.until("till B shows table 1 taken, with its total", Duration.ofSeconds(1), d -> {
                String tile = d.findElement(b.tile("T1")).getText();
                return tile.contains("6.00") ? tile : null;
            });
            second.shot("table 1 taken, seen from till B");

            b.showTable("T1").ring("espresso");
            first.until("till A shows the espresso till B added", Duration.ofSeconds(1),
                    d -> "8.50".equals(d.findElement(By.id("total")).getText()));
            assertThat(a.lines()).hasSize(2);
            first.shot("the espresso from till B");
        }
    }

    @Test
    void aCashiersDiscountAsksForAManagersPin(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T2").ring("cola", "cola");

            browser.click(till.line("cola"));
            browser.type(By.id("discount"), "50");
            browser.shot("a 50 percent discount");
            browser.click(By.id("apply-line"));
            browser.visible(By.id("approval"));
            assertThat(browser.text(By.id("approval"))).contains("Only someone who may give a discount can approve this")
                    .contains("Li").doesNotContain("Zhang San");
            browser.shot("a manager must approve");

            till.approve("mgr_01", "1111");
            browser.until("the wrong PIN refused in words", d -> d.findElements(By.id("approval")).stream()
                    .anyMatch(e -> e.getText().contains("The manager's PIN was not accepted")));
            browser.shot("a wrong PIN, refused");
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("the discount on the order", d -> "3.00".equals(d.findElement(By.id("total")).getText()));
            assertThat(browser.text(till.line("cola"))).contains("−50%");
            till.assertNoDialog();
            browser.shot("discounted, approved by Li");

            browser.click(By.id("timeline"));
            String timeline = browser.until("the timeline", d -> {
                String text = d.findElement(By.id("timeline-list")).getText();
                return text.contains("approved by Li") ? text : null;
            });
            assertThat(timeline).contains("Zhang San opened Table 2").contains("Zhang San applied a 50% discount to 2 Cola");
            browser.shot("the timeline in sentences");
        }
    }

    @Test
    void aTillThatLosesItsConnectionShowsOfflineDisablesCommandsAndCatchesUpAfterwards(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open("http://127.0.0.1:" + proxy.port() + "/")
                    .signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T3").ring("cola");
            browser.shot("online, an order at table 3");
            String orderId = activeOrderAt("T3");

            proxy.sever();
            try {
                browser.until("the till offline", d -> "offline".equals(browser.connection()));
                assertThat(browser.text(By.id("connection"))).startsWith("Offline");
                assertThat(till.commandControls()).isGreaterThan(5);
                assertThat(till.anyCommandEnabled()).as("a command control enabled while offline").isFalse();
                browser.shot("offline, every command disabled");

                // Meanwhile another till rings up two espressos at table 3 and opens table 7.
                assertThat(node.send(ClientTestNode.addItems(orderId, "espresso", 2)).getBoolean("success")).isTrue();
                assertThat(node.send(ClientTestNode.openTable("T7")).getBoolean("success")).isTrue();
                assertThat(browser.text(By.id("total"))).as("nothing new while offline").isEqualTo("3.00");
            } finally {
                proxy.restore();
            }

            browser.waitOnline();
            browser.until("the espressos rung up meanwhile", d -> "8.00".equals(d.findElement(By.id("total")).getText()));
            assertThat(till.lines()).hasSize(2);
            assertThat(till.anyCommandEnabled()).isTrue();
            browser.shot("back online, caught up");
            browser.click(By.id("back"));
            browser.until("table 7 taken meanwhile", d -> "occupied".equals(d.findElement(till.tile("T7")).getDomAttribute("data-status")));
            browser.shot("table 7 taken meanwhile");
        }
    }

    @Test
    void aCommandTheNodeDoesNotAnswerStaysPendingAndIsSentAgainOnce(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open("http://127.0.0.1:" + proxy.port() + "/")
                    .signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T9");
            browser.click(By.cssSelector("#products [data-product-id='espresso']"));

            proxy.freeze(); // the link goes silent: nothing arrives either way, nothing closes
            browser.click(By.id("send-round"));
            browser.until("the round pending", d -> d.findElement(By.id("pending")).isDisplayed());
            assertThat(browser.text(By.id("pending"))).contains("Sending the round");
            assertThat(till.anyCommandEnabled()).as("commands while one is pending").isFalse();
            assertThat(browser.all(By.cssSelector("#lines .line"))).as("nothing shown before the node says so").isEmpty();
            browser.shot("pending, the node silent");

            // The heartbeat finds the silent link, drops it and reconnects; the command's outcome is unknown.
            browser.until("the till asks what to do", Duration.ofSeconds(20), d -> !d.findElements(By.id("no-answer")).isEmpty());
            assertThat(browser.text(By.id("no-answer"))).contains("It may or may not have taken it")
                    .contains("Sending it again is safe");
            browser.shot("no answer, send again");
            // The silent link dies for good (its idle HTTP connections with it) and the network comes back.
            proxy.sever();
            proxy.restore();
            browser.waitOnline();
            browser.click(By.id("send-again"));
            till.waitIdle();
            browser.until("the espresso on the order", d -> d.findElements(till.line("espresso")).size() == 1);
            long rounds = node.request(Addresses.ORDERS_TIMELINE, new JsonObject().put("order_id", activeOrderAt("T9")))
                    .getJsonArray("events").stream().map(JsonObject.class::cast)
                    .filter(e -> e.getString("event_type").equals("ITEMS_ADDED")).count();
            assertThat(rounds).as("the round rung up once").isEqualTo(1);
            browser.shot("sent again, rung up once");
        }
    }

    @Test
    void theKitchenScreenShowsATicketWhenItemsAreAddedAndRemovesItOnBump(TestInfo test) {
        try (Browser tillBrowser = Browser.open(folder(test), "till", Browser.TILL);
             Browser kitchen = Browser.open(folder(test), "kitchen", Browser.TILL)) {
            kitchen.get(url + "kds?destination=kitchen");
            kitchen.waitOnline();
            kitchen.visible(By.id("board"));
            kitchen.shot("the kitchen, waiting");

            Till till = new Till(tillBrowser).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T4").ring("soup", "soup", "cola");
            By ticket = By.cssSelector("#board .ticket");
            String card = kitchen.until("the ticket on the kitchen screen", d -> d.findElements(ticket).stream()
                    .map(e -> e.getText()).filter(text -> text.contains("Table 4")).findFirst().orElse(null));
            assertThat(card).contains("2×").contains("Tomato soup").doesNotContain("Cola");
            kitchen.shot("a ticket for table 4");

            kitchen.click(By.cssSelector("#board .ticket .bump"));
            kitchen.until("the ticket off the board", d -> d.findElements(ticket).isEmpty());
            assertThat(kitchen.text(By.id("recent"))).contains("Table 4").contains("done");
            kitchen.shot("bumped, in done recently");

            kitchen.click(By.cssSelector("#recent [data-command='recall']"));
            kitchen.until("the ticket back on the board", d -> d.findElements(ticket).size() == 1);
            assertThat(kitchen.text(ticket)).contains("Recalled");
            kitchen.shot("recalled");
        }
    }

    @Test
    void payingBySplitsAndCashWithChangeThenCompletingWithAReceiptNumber(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("P1").ring("cola", "cola", "espresso");
            // 2 × 3.00 + 2.50 = 8.50, and the terrace's 10 %: 9.35
            assertThat(till.total()).isEqualTo("9.35");
            assertThat(browser.text(By.id("totals"))).contains("Surcharge 10%").contains("0.85");

            browser.click(By.id("split"));
            browser.click(By.cssSelector("#split-dialog .split-line[data-instance-id] [data-step='1']"));
            browser.until("the node's amount for one cola", d -> "3.30".equals(d.findElement(By.id("split-due")).getText()));
            browser.click(By.cssSelector("#split-dialog [data-method='card']"));
            browser.shot("split by items: one cola");
            browser.click(By.id("take-split"));
            till.waitIdle();
            browser.until("paid for one cola", d -> "6.05".equals(d.findElement(By.id("remaining")).getText()));

            browser.click(By.id("split"));
            browser.click(By.cssSelector("#split-dialog [data-mode='amount']"));
            browser.type(By.id("split-amount"), "2");
            browser.shot("split by amount: 2.00");
            browser.click(By.id("take-split"));
            till.waitIdle();
            browser.until("2.00 paid", d -> "4.05".equals(d.findElement(By.id("remaining")).getText()));

            browser.click(By.id("pay"));
            assertThat(browser.attribute(By.id("pay-amount"), "value")).isEqualTo("4.05");
            browser.click(By.cssSelector("#pay-dialog [data-tender='5']"));
            browser.shot("cash, 5.00 handed over");
            browser.click(By.id("take-payment"));
            String change = browser.text(By.id("change-due"));
            assertThat(change).isEqualTo("Change due 0.95");
            browser.shot("the change due");

            browser.click(By.id("pay-complete"));
            String receipt = browser.attribute(By.id("receipt"), "value");
            assertThat(receipt).matches("R-\\d{8}-\\d+");
            browser.click(By.id("confirm-complete"));
            till.waitIdle();
            assertThat(browser.text(By.id("receipt-number"))).isEqualTo(receipt);
            assertThat(browser.text(By.id("order-panel"))).contains("Completed");
            browser.shot("completed with its receipt number");
            JsonObject stored = node.request(Addresses.ORDERS_GET, new JsonObject().put("order_id",
                    completedOrder(receipt)));
            assertThat(stored.getJsonArray("payments")).hasSize(3);
        }
    }

    @Test
    void changingAndRemovingItemsAsksForApprovalOnlyWhereTheRoleLacksIt(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T5").ring("cake", "cola", "cola");

            browser.click(till.line("cake"));
            browser.type(By.id("options"), "no cream, extra berries");
            browser.type(By.id("note"), "birthday candle");
            browser.click(By.id("apply-line"));
            till.waitIdle();
            browser.until("the cake's options and note", d -> d.findElement(till.line("cake")).getText()
                    .contains("extra berries · no cream · note: birthday candle"));
            assertThat(browser.all(By.id("approval"))).as("options and notes need no approval").isEmpty();
            browser.shot("options and a note");

            browser.click(till.line("cola"));
            browser.click(By.cssSelector("#line-dialog [data-step='-1']")); // one of the two
            browser.type(By.id("price"), "2.50");
            browser.click(By.id("apply-line"));
            assertThat(browser.text(By.id("approval"))).contains("sell at another price than the catalog's");
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("one cola at 2.50, one at 3.00", d -> d.findElements(till.line("cola")).size() == 2);
            assertThat(till.total()).isEqualTo("12.00");
            browser.shot("one cola at another price");

            browser.click(till.line("cake"));
            browser.click(By.id("remove-line"));
            browser.type(By.id("remove-reason"), "guest changed their mind");
            browser.click(By.id("confirm-remove"));
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("the cake removed", d -> d.findElements(till.line("cake")).isEmpty());
            assertThat(till.total()).isEqualTo("5.50");
            browser.shot("the cake removed");
        }
    }

    @Test
    void movingMergingWaivingTheSurchargeAndVoiding(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            Till till = new Till(browser).open(url).signIn("emp_01", ClientTestNode.CASHIER_PIN);

            browser.click(By.id("view-counter"));
            browser.click(By.id("new-counter-order"));
            browser.type(By.id("counter-label"), "Ana, takeaway");
            browser.click(By.id("confirm-counter"));
            till.waitIdle();
            till.ring("espresso");
            assertThat(browser.text(By.id("order-title"))).isEqualTo("Ana, takeaway");
            browser.shot("a counter order");
            browser.click(By.id("back"));

            browser.click(By.id("view-tables"));
            till.openTable("T6").ring("cola");
            browser.click(By.id("move"));
            browser.click(By.cssSelector("#move-dialog [data-table-id='P2']"));
            till.waitIdle();
            browser.until("at the terrace now", d -> "Terrace 2".equals(d.findElement(By.id("order-title")).getText()));
            assertThat(till.total()).isEqualTo("3.30");
            browser.shot("moved to the terrace");

            browser.click(By.id("surcharge"));
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("the surcharge waived", d -> "3.00".equals(d.findElement(By.id("total")).getText()));
            assertThat(browser.text(By.id("totals"))).contains("(waived)");
            browser.shot("surcharge waived");

            browser.click(By.id("back"));
            browser.click(By.id("view-counter"));
            browser.click(By.cssSelector("#counter [data-order-id]"));
            browser.click(By.id("merge"));
            browser.click(By.cssSelector("#merge-dialog [data-order-id='" + activeOrderAt("P2") + "']"));
            till.waitIdle();
            browser.until("the counter order merged into terrace 2", d -> "Terrace 2".equals(
                    d.findElement(By.id("order-title")).getText()) && "5.50".equals(d.findElement(By.id("total")).getText()));
            browser.shot("merged into terrace 2");

            browser.click(By.id("pay"));
            browser.click(By.cssSelector("#pay-dialog [data-method='card']"));
            browser.type(By.id("pay-amount"), "1.00");
            browser.click(By.id("take-payment"));
            till.waitIdle();
            browser.click(By.id("pay-done"));

            browser.click(By.id("void"));
            browser.type(By.id("void-reason"), "guests left");
            browser.click(By.id("confirm-void"));
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            String refusal = browser.until("the refusal in words", d -> {
                String text = till.dialogError();
                return text.isBlank() ? null : text;
            });
            assertThat(refusal).startsWith("The order still has payments: cancel (refund) them before voiding it.");
            browser.shot("void refused while paid");
            till.closeDialog();

            browser.click(By.cssSelector("#payments [data-command='cancel-payment']"));
            browser.type(By.id("cancel-reason"), "refunded");
            browser.click(By.id("confirm-cancel-payment"));
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("the payment cancelled", d -> d.findElement(By.cssSelector("#payments li")).getDomAttribute("class")
                    .contains("cancelled"));
            browser.click(By.id("void"));
            browser.type(By.id("void-reason"), "guests left");
            browser.click(By.id("confirm-void"));
            till.approve("mgr_01", ClientTestNode.MANAGER_PIN);
            till.waitIdle();
            browser.until("voided", d -> d.findElement(By.id("order-panel")).getText().contains("Voided: guests left"));
            browser.shot("voided with its reason");
        }
    }

    @Test
    void onAPhoneTheMenuAndTheOrderTakeTurns(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "phone", Browser.PHONE)) {
            Till till = new Till(browser).open(url);
            browser.click(By.cssSelector("#sign-in [data-employee='emp_01']"));
            till.pinPad("0000");
            browser.until("a wrong PIN refused", d -> d.findElement(By.cssSelector("#sign-in .dialog-error")).getText()
                    .equals("That PIN is not right. Try again."));
            browser.shot("a wrong PIN on a phone");
            till.pinPad(ClientTestNode.CASHIER_PIN);
            browser.visible(By.id("sign-out"));
            browser.shot("the floor on a phone");
            till.openTable("T8").ring("espresso");
            browser.shot("the menu on a phone");
            browser.click(By.id("show-order"));
            browser.until("the order shown", d -> d.findElement(By.id("order-panel")).isDisplayed()
                    && !d.findElement(By.id("left")).isDisplayed());
            assertThat(till.lines()).hasSize(1);
            browser.shot("the order on a phone");
            assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= innerWidth"))
                    .as("nothing wider than the phone").isTrue();
            assertThat((List<?>) browser.script("return [...document.querySelectorAll('button')]"
                    + ".filter(b => b.offsetParent && b.getBoundingClientRect().height < 40).map(b => b.outerHTML)"))
                    .as("every visible button at least 40 px high").isEmpty();
        }
    }

    private static String activeOrderAt(String tableId) {
        return node.request(Addresses.ORDERS_ACTIVE, new JsonObject()).getJsonArray("orders").stream()
                .map(JsonObject.class::cast).filter(o -> tableId.equals(o.getString("table_id"))).findFirst()
                .orElseThrow().getString("order_id");
    }

    private static String completedOrder(String receipt) {
        long sequence = Long.parseLong(receipt.substring(receipt.lastIndexOf('-') + 1));
        return node.request(Addresses.ORDERS_SYNC, new JsonObject().put("since_sequence", sequence - 1))
                .getJsonArray("events").getJsonObject(0).getString("order_id");
    }
}
