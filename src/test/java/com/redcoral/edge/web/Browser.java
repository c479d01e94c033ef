package com.redcoral.edge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven through the machine's chromedriver (Debian {@code chromium} and
 * {@code chromium-driver}; other places by {@code -Dredcoral.chromium=…} and {@code -Dredcoral.chromedriver=…}).
 * Nothing is downloaded: the driver and browser are named, so Selenium Manager never runs. Each browser starts
 * with a fresh profile in a folder of its own, at the window size of the device it stands for.
 *
 * <p>Waits are for a condition with a timeout, never a sleep. Each step can leave a screenshot under
 * {@code target/screenshots/<test>/}, numbered in order, for a person to look at.
 */
final class Browser implements AutoCloseable {

    static final Dimension TILL = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * Selenium's DevTools bindings lag behind Debian's Chromium; the tests use none of them, so their "no CDP
     * implementation matching" warning says nothing. Held here: a logger nobody holds may be collected with its level.
     */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS.setLevel(Level.SEVERE);
    }
    /** Steps numbered per folder, across the browsers of one test. */
    private static final Map<Path, AtomicInteger> STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    final WebDriver driver;
    private final String name;
    private final Path shots;
    private final Path profile;

    private Browser(WebDriver driver, String name, Path shots, Path profile) {
        this.driver = driver;
        this.name = name;
        this.shots = shots;
        this.profile = profile;
    }

    /**
     * A new browser window of {@code size}; its screenshots go to {@code target/screenshots/<folder>/}, named after
     * {@code name} (a till, a phone, the kitchen).
     */
    static Browser open(String folder, String name, Dimension size) {
        Path chromium = Path.of(System.getProperty("redcoral.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("redcoral.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium).as("Chromium for the browser tests (on Debian: apt-get install chromium chromium-driver)")
                .isExecutable();
        assertThat(chromedriver).as("chromedriver for the browser tests (on Debian: apt-get install chromium-driver)")
                .isExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("redcoral-chromium-");
            Files.createDirectories(SCREENSHOTS.resolve(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--disable-features=Translate,OptimizationHints,MediaRouter",
                "--user-data-dir=" + profile, "--window-size=" + size.width + "," + size.height,
                "--lang=en-US");
        options.setAcceptInsecureCerts(true); // the node's development CA is the test's own
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The window includes what headless Chromium draws around the page: grow it by that much, so the page
        // itself is the device's size.
        driver.manage().window().setSize(size);
        @SuppressWarnings("unchecked")
        List<Long> inner = (List<Long>) driver.executeScript("return [innerWidth, innerHeight];");
        driver.manage().window().setSize(new Dimension(2 * size.width - inner.get(0).intValue(),
                2 * size.height - inner.get(1).intValue()));
        return new Browser(driver, name, SCREENSHOTS.resolve(folder), profile);
    }

    void get(String url) {
        driver.get(url);
    }

    /** Waits until {@code condition} holds (a non-null, non-false value), at most {@link #WAIT}. */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return until(what, WAIT, condition);
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).ignoring(
                    org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            shot("timed out - " + what);
            throw new AssertionError(name + ": " + what + " did not happen within " + timeout.toMillis() + " ms; "
                    + "the page's console:\n" + String.join("\n", console()), e);
        }
    }

    /** The element, once it is on the page and displayed. */
    WebElement visible(By by) {
        return until(by + " visible", d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null));
    }

    /** Clicks the element once it is displayed and enabled. */
    void click(By by) {
        until(by + " clickable", d -> d.findElements(by).stream().filter(e -> e.isDisplayed() && e.isEnabled())
                .findFirst().map(e -> {
                    e.click();
                    return true;
                }).orElse(null));
    }

    /** Replaces the text of an input. */
    void type(By by, String text) {
        WebElement input = visible(by);
        input.clear();
        input.sendKeys(text);
    }

    /** The text of the element once displayed; read again when the page redraws it in between. */
    String text(By by) {
        return until(by + " text", d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .map(WebElement::getText).orElse(null));
    }

    /** An attribute (or property, such as an input's value) of the element once displayed, redraws allowed for. */
    String attribute(By by, String name) {
        return until(by + " " + name, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .map(e -> e.getDomProperty(name)).orElse(null));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The connection badge's state: connecting, syncing, online, offline, refused. */
    String connection() {
        return driver.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    void waitOnline() {
        until("the connection online", d -> "online".equals(connection()));
    }

    /** A screenshot of the page now, as {@code target/screenshots/<test>/<nn>-<name>-<step>.png}. */
    Path shot(String step) {
        int number = STEPS.computeIfAbsent(shots, folder -> new AtomicInteger()).incrementAndGet();
        String file = "%02d-%s-%s.png".formatted(number, name, step.replaceAll("[^A-Za-z0-9]+", "-"));
        Path target = shots.resolve(file);
        try {
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            System.err.println("could not save the screenshot " + target + ": " + e);
        }
        return target;
    }

    /** What the page wrote to its console since the last call. */
    List<String> console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
        } catch (RuntimeException e) {
            return List.of("(the console could not be read: " + e + ")");
        }
    }

    /** Local storage of the page's origin. */
    Map<String, Object> storage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> items = (Map<String, Object>) script(
                "return Object.fromEntries(Object.entries(localStorage));");
        return items;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile.toFile());
        }
    }

    private static void deleteQuietly(File file) {
        File[] children = file.listFiles();
        if (children != null) {
            for (File child : children) {
                deleteQuietly(child);
            }
        }
        file.delete();
    }
}
