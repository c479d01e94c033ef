package com.redcoral.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The browser POS as a cashier uses it, one method per thing they do (a page object). Every step waits for what
 * the screen shows with a timeout; none sleeps.
 */
final class Till {

    final Browser browser;

    Till(Browser browser) {
        this.browser = browser;
    }

    /** Opens the POS at {@code url} and waits until it is online. */
    Till open(String url) {
        browser.get(url);
        browser.waitOnline();
        return this;
    }

    /** Signs an employee in with their PIN on the pad, as a finger would. */
    Till signIn(String employeeId, String pin) {
        browser.click(By.cssSelector("#sign-in [data-employee='" + employeeId + "']"));
        pinPad(pin);
        browser.visible(By.id("sign-out"));
        return this;
    }

    void pinPad(String pin) {
        for (char digit : pin.toCharArray()) {
            browser.click(By.cssSelector(".pin-pad [data-key='" + digit + "']"));
        }
        browser.until("the PIN typed", d -> String.valueOf(pin.length()).equals(
                d.findElement(By.cssSelector(".pin-pad .pin-shown")).getDomAttribute("data-length")));
        browser.click(By.cssSelector(".pin-pad .enter"));
    }

    By tile(String tableId) {
        return By.cssSelector("#floor [data-table-id='" + tableId + "']");
    }

    /** Taps a free table and opens it for {@code guests}; the menu shows. */
    Till openTable(String tableId) {
        browser.click(tile(tableId));
        browser.click(By.id("confirm-open"));
        waitIdle();
        browser.visible(By.id("products"));
        return this;
    }

    /** Taps an occupied table: its order shows. */
    Till showTable(String tableId) {
        browser.click(tile(tableId));
        browser.visible(By.id("order-title"));
        return this;
    }

    /** Taps products on the menu (each tap one unit) into the round, then sends it. */
    Till ring(String... productIds) {
        for (String product : productIds) {
            if (browser.all(By.cssSelector("#products [data-product-id='" + product + "']")).isEmpty()) {
                browser.click(By.cssSelector(".categories button[data-category='" + CATEGORIES.get(product) + "']"));
            }
            browser.click(By.cssSelector("#products [data-product-id='" + product + "']"));
        }
        browser.click(By.cssSelector("[data-command='add-items']")); // in the order panel, or a phone's bar
        waitIdle();
        browser.until("the round sent", d -> d.findElements(By.id("draft")).isEmpty());
        return this;
    }

    /** Products of the test store and their categories. */
    private static final Map<String, String> CATEGORIES = Map.of("espresso", "coffee", "cola", "drinks",
            "soup", "food", "cake", "food");

    /** Waits until no command is pending. */
    void waitIdle() {
        browser.until("no command pending", d -> !d.findElement(By.id("pending")).isDisplayed());
    }

    /** The order panel's line of a product. */
    List<WebElement> lines() {
        return browser.all(By.cssSelector("#lines .line"));
    }

    By line(String productId) {
        return By.cssSelector("#lines .line[data-product-id='" + productId + "']");
    }

    String total() {
        return browser.text(By.id("total"));
    }

    String remaining() {
        return browser.text(By.id("remaining"));
    }

    /** Whether any control that sends a command is enabled, read in one go (the page redraws meanwhile). */
    boolean anyCommandEnabled() {
        return (Boolean) browser.script("return [...document.querySelectorAll('[data-command]')].some(c => !c.disabled)");
    }

    long commandControls() {
        return (Long) browser.script("return document.querySelectorAll('[data-command]').length");
    }

    /** In the manager-approval dialog: chooses the approver and types their PIN. */
    void approve(String managerId, String pin) {
        browser.visible(By.id("approval"));
        browser.click(By.cssSelector("#approval [data-approver='" + managerId + "']"));
        pinPad(pin);
    }

    /** The error line of the dialog on top. */
    String dialogError() {
        return browser.text(By.cssSelector("#dialog-layer .dialog:last-child .dialog-error"));
    }

    void closeDialog() {
        browser.click(By.cssSelector("#dialog-layer .dialog:last-child .close"));
        browser.until("the dialog closed", d -> !d.findElement(By.id("dialog-layer")).isDisplayed());
    }

    void assertNoDialog() {
        assertThat(browser.driver.findElement(By.id("dialog-layer")).isDisplayed()).isFalse();
    }
}
