package io.cascade.panels;

import io.cascade.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the panels' browser tests: the whole application (as every *IT) driven through Debian's headless Chromium
 * and its chromedriver, one browser for the test JVM, with a fresh profile, signed out before every test. Nothing is downloaded: without
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (or the paths in the system properties
 * {@code cascade.chromium} and {@code cascade.chromedriver}) the tests are skipped.
 */
abstract class BrowserTest extends IntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How often a wait looks again: Selenium's default, half a second, idles the test after most clicks. */
    static final Duration POLL = Duration.ofMillis(100);
    private static final String MISSING = "Browser tests skipped: Chromium is not installed (" + Chromium.BINARY + ", "
            + Chromium.DRIVER + "); install it with: apt-get install -y chromium chromium-driver";

    /** Held here so that the level sticks (java.util.logging keeps loggers only weakly). */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.openqa.selenium.devtools"),
            Logger.getLogger("org.openqa.selenium.chromium"));
    /** With {@code -Dcascade.screenshots=docs/screenshots} the tests save pictures of the main pages there. */
    private static final String SCREENSHOTS = System.getProperty("cascade.screenshots", "");

    /**
     * Vendors' panel hosts of the tests ({@code panel.northwind.example}, {@code shop.fjord-cloud.example}) reach the
     * test server: the one browser resolves these domains to this machine, and every other name as usual.
     */
    static final String TEST_HOSTS = "MAP *.northwind.example 127.0.0.1,MAP *.fjord-cloud.example 127.0.0.1";

    protected static WebDriver browser;
    private static Path profile;

    @Value("${local.server.port}")
    private int port;

    /** One browser for the whole test JVM: started by the first browser test class, quit when the JVM ends. */
    @BeforeAll
    static synchronized void startBrowser() throws IOException {
        if (browser != null) {
            return;
        }
        if (!Chromium.installed()) {
            System.err.println("WARNING: " + MISSING);
            return;
        }
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
        profile = Files.createTempDirectory("cascade-chromium-");
        browser = Chromium.start(profile, "--host-resolver-rules=" + TEST_HOSTS);
        Runtime.getRuntime().addShutdownHook(new Thread(BrowserTest::stopBrowser, "chromium-stop"));
    }

    /** Each class leaves the browser signed out and at a blank page for the next one. */
    @AfterAll
    static void leaveBrowser() {
        if (browser != null) {
            browser.manage().deleteAllCookies();
            browser.get("about:blank");
        }
    }

    private static void delete(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
        if (profile != null) {
            delete(profile);
        }
    }

    /** Every test starts signed out (and is skipped, saying why, without a browser). */
    @BeforeEach
    void signedOut() {
        Assumptions.assumeTrue(browser != null, MISSING);
        open("/login");
        browser.manage().deleteAllCookies();
    }

    /** The pages keep their content security policy: the browser refused nothing (no inline script, no style). */
    @AfterEach
    void nothingRefusedByTheContentSecurityPolicy() {
        if (browser == null) {
            return;
        }
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll()
                .stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("htmx")).toList();
        assertThat(refused).as("browser console").isEmpty();
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    /** Opens a page; once more if the renderer did not answer in time (it happens on a loaded machine). */
    protected void open(String path) {
        try {
            browser.get(base() + path);
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.get(base() + path);
        }
    }

    /** Signs in through the sign-in page and waits until it is left. */
    protected void signInAs(String email, String password) {
        open("/login");
        fill("email", email);
        fill("password", password);
        click("sign-in");
        waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /**
     * The element with this id once it is shown. One script round trip: Selenium's own visibility check runs a large
     * script after the lookup, three times the browser's work of this (see docs/architecture.md, "Tests").
     */
    protected WebElement byId(String id) {
        return (WebElement) script("element #" + id + " to be shown", SHOWN + " return e;", id);
    }

    /**
     * Waits until a script of the page returns something other than null or false, and returns that. Where a test
     * would send the browser several commands, a script sends one: the browser's work per command is what browser
     * tests cost on two cores.
     */
    private Object script(String what, String script, Object... arguments) {
        return waitUntil(new ExpectedCondition<>() {
            @Override
            public Object apply(WebDriver driver) {
                Object result = ((JavascriptExecutor) driver).executeScript(script, arguments);
                return Boolean.FALSE.equals(result) ? null : result;
            }

            @Override
            public String toString() {
                return what;
            }
        });
    }

    /**
     * The start of a script whose first argument is an element's id: it returns null until that element takes room on
     * the page and is neither hidden nor transparent, and then goes on with the element as {@code e}.
     */
    private static final String SHOWN = "const e = document.getElementById(arguments[0]);"
            + " if (!(e && e.getClientRects().length > 0"
            + "     && e.checkVisibility({opacityProperty: true, visibilityProperty: true}))) { return null; }";

    /**
     * Puts a text into a shown text field as typing would (cut at its maximum length) and tells the page as typing
     * does (input and change events), returning true; the browser handles every key typed through the driver as a
     * page event of its own, as much of its CPU as opening a page. Any other field is returned, to be typed into.
     */
    private static final String FILLED = SHOWN
            + " if (!(e.tagName === 'TEXTAREA' || (e.tagName === 'INPUT'"
            + "     && ['text', 'email', 'password', 'search', 'tel', 'url'].includes(e.type)))) { return e; }"
            + " const v = arguments[1];"
            + " e.focus(); e.value = e.maxLength >= 0 ? v.substring(0, e.maxLength) : v;"
            + " e.dispatchEvent(new Event('input', {bubbles: true}));"
            + " e.dispatchEvent(new Event('change', {bubbles: true})); return true;";

    protected boolean present(By by) {
        return !browser.findElements(by).isEmpty();
    }

    /** Replaces a field's text, as a user who selects it and types another does. */
    protected void fill(String id, String value) {
        if (script("field #" + id + " to be shown", FILLED, id, value) instanceof WebElement field) {
            field.clear();
            field.sendKeys(value);
        }
    }

    /** Sets a date input (typing into one depends on the browser's locale; its value is always ISO). */
    protected void date(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                byId(id), isoDate);
    }

    protected void select(String id, String value) {
        new Select(byId(id)).selectByValue(value);
    }

    /**
     * Clicks, as a script of the page (a click through the driver moves, presses and releases the mouse, each a page
     * event: twice the browser's work of opening a page). A button that submits a form leaves the page, so wait until
     * the page it was on is gone; otherwise the next look (a notice, an error) could still read the page before. A
     * submit that htmx keeps on the page stays.
     */
    protected void click(String id) {
        Object page = script("#" + id + " to be shown", SHOWN + CLICK, id);
        if (page instanceof WebElement) {
            leaves((WebElement) page);
        }
    }

    /** Clicks {@code e} and returns the page when the click submits a form, else true. */
    private static final String CLICK = " const page = document.documentElement;"
            + " const submits = e.tagName === 'BUTTON' || e.type === 'submit';"
            + " e.click(); return submits ? page : true;";

    private void leaves(WebElement page) {
        try {
            // gone: stale, or (Chromium, while the new page loads) "does not belong to the document"
            new WebDriverWait(browser, WAIT, POLL).until(driver -> {
                try {
                    page.isEnabled();
                    return false;
                } catch (StaleElementReferenceException e) {
                    return true;
                } catch (org.openqa.selenium.WebDriverException e) {
                    if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                        return true;
                    }
                    throw e;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            // the submit did not leave the page (htmx swapped a part of it in place)
        }
    }

    /** Clicks the shown link with this text. */
    protected void clickLink(String text) {
        script("link \"" + text + "\" to be shown", LINK + CLICK, text);
    }

    /** The start of a script that finds the shown link whose text is the first argument, as {@code e}. */
    private static final String LINK = "const e = Array.from(document.links).find(a => a.innerText.trim() === arguments[0]"
            + "     && a.checkVisibility({opacityProperty: true, visibilityProperty: true}));"
            + " if (!e) { return null; }";

    protected String text(String id) {
        return byId(id).getText();
    }

    /** Saves a picture of the page as {@code <name>.png} when screenshots were asked for (see docs/panels.md). */
    protected void screenshot(String name) {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(SCREENSHOTS).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            byte[] png = ((TakesScreenshot) browser)
                    .getScreenshotAs(OutputType.BYTES);
            Files.write(target, png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, at the size of a phone screen. */
    protected void phoneScreenshot(String name) {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            screenshot(name);
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1024));
        }
    }

    /** The confirmation shown after a change. */
    protected String notice() {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.className("notice"))).getText();
    }

    protected String path() {
        return browser.getCurrentUrl().substring(base().length());
    }

    /** The company names of the account list on the page. */
    protected List<String> listedAccounts() {
        return browser.findElements(By.cssSelector("#account-list tbody tr td:first-child a")).stream()
                .map(WebElement::getText).toList();
    }

    protected <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT, POLL).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    protected void waitForText(String id, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }
}
