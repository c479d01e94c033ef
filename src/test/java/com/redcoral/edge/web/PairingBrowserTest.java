package com.redcoral.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.redcoral.edge.node.Addresses;
import com.redcoral.edge.node.ClientTestNode;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Browsers on the node's network listener (TLS): no client certificate, so a page logs in with a terminal token as
 * its first frame. The page asks for the token once, keeps it, and shows a refusal in words; a kitchen screen takes
 * its destination from its kitchen token. Screenshots under {@code target/screenshots/PairingBrowserTest/}.
 */
class PairingBrowserTest {

    @TempDir
    static Path dir;
    static ClientTestNode node;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        node = ClientTestNode.networked(dir);
        url = node.networkUrl() + "/";
        node.changeResource("create", "product", "soup", new JsonObject().put("name", "Tomato soup").put("price", 550)
                .put("category_id", "food"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static String folder(TestInfo test) {
        return "PairingBrowserTest/" + test.getTestMethod().orElseThrow().getName();
    }

    private static JsonObject issue(String name, String role, String destination) {
        JsonObject reply = node.request(Addresses.TOKENS_ISSUE, new JsonObject().put("name", name).put("role", role)
                .put("destination_id", destination));
        assertThat(reply.getBoolean("success")).as(reply.encode()).isTrue();
        return reply;
    }

    @Test
    void aTillAsksForItsTokenOnceKeepsItAndIsUnpairedWhenItIsRevoked(TestInfo test) {
        try (Browser browser = Browser.open(folder(test), "till", Browser.TILL)) {
            browser.get(url);
            browser.visible(By.id("pairing"));
            assertThat(browser.text(By.id("connection"))).isEqualTo("Not paired");
            browser.shot("asked for a token");

            browser.type(By.id("token"), "rct_0000_not-a-real-one");
            browser.click(By.id("pair"));
            String refused = browser.until("the refusal in words", d -> d.findElements(By.cssSelector("#pairing .dialog-error"))
                    .stream().filter(e -> e.isDisplayed()).map(e -> e.getText()).findFirst().orElse(null));
            assertThat(refused).startsWith("The node did not accept this device's token");
            browser.shot("a wrong token, refused");

            JsonObject token = issue("till-9", "terminal", null);
            browser.type(By.id("token"), token.getString("token"));
            browser.click(By.id("pair"));
            browser.waitOnline();
            assertThat(browser.text(By.id("sign-in"))).contains("connected as till-9 (terminal)");
            browser.shot("paired as till-9");

            Till till = new Till(browser).signIn("emp_01", ClientTestNode.CASHIER_PIN);
            till.openTable("T1").ring("cola");
            assertThat(till.total()).isEqualTo("3.00");
            browser.shot("an order over TLS");

            browser.driver.navigate().refresh();
            browser.waitOnline();
            assertThat(browser.all(By.id("pairing"))).as("the token is kept").isEmpty();
            assertThat(browser.storage()).containsEntry("redcoral.pos.token", token.getString("token"));

            node.request(Addresses.TOKENS_REVOKE, new JsonObject().put("token_id", token.getString("token_id")));
            browser.visible(By.id("pairing"));
            browser.until("the revoked token refused in words", d -> d.findElement(By.cssSelector("#pairing .dialog-error"))
                    .getText().startsWith("The node did not accept this device's token"));
            browser.shot("revoked, asked again");
        }
    }

    @Test
    void aKitchenScreenTakesItsDestinationFromItsKitchenToken(TestInfo test) {
        try (Browser kitchen = Browser.open(folder(test), "kitchen", Browser.TILL);
             Browser tillBrowser = Browser.open(folder(test), "till", Browser.TILL)) {
            kitchen.get(url + "kds");
            kitchen.visible(By.id("pairing"));
            kitchen.type(By.id("token"), issue("grill", "kitchen", "kitchen").getString("token"));
            kitchen.click(By.id("pair"));
            kitchen.waitOnline();
            kitchen.until("the destination's name", d -> "Kitchen".equals(d.findElement(By.id("destination")).getText()));
            kitchen.visible(By.id("board"));

            tillBrowser.get(url);
            tillBrowser.visible(By.id("pairing"));
            tillBrowser.type(By.id("token"), issue("till-8", "terminal", null).getString("token"));
            tillBrowser.click(By.id("pair"));
            tillBrowser.waitOnline();
            new Till(tillBrowser).signIn("emp_01", ClientTestNode.CASHIER_PIN).openTable("T2").ring("soup");

            kitchen.until("the soup's ticket", d -> d.findElement(By.id("board")).getText().contains("Tomato soup"));
            kitchen.shot("a kitchen screen paired by its token");
        }
    }
}
