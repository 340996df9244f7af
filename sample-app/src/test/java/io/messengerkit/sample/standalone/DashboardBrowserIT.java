package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.sample.BrowserAccess;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.Fault;
import io.messengerkit.testkit.emulator.EmulatedGraphError;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.token.TokenKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations view in a real headless Chromium against the standalone sample in demo mode: real traffic through
 * the emulator (messages in, the bot's replies, one send Meta refuses with code 551, which is set aside, not retried), then the
 * figures the page shows are checked against what the emulator saw, at desktop and phone width, with the keyboard,
 * and two health fixes (resubscribe, log in again) are followed from the page until the page is healthy again.
 */
class DashboardBrowserIT {

    private static final Pattern LATENCY = Pattern.compile("\\d+ ms|\\d+\\.\\d+ s");
    private static final List<String> MESSAGES = List.of("Hi there!", "What are your opening hours?", "Prices please",
            "Thanks!");

    @TempDir
    static Path temp;

    private static SampleServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        // Quick polls, so each message is handled at once.
        Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", temp.resolve("data").toString(),
                "MESSENGER_INBOX_RETRY_BACKOFF", "PT1S", "MESSENGER_INBOX_POLL_INTERVAL", "PT0.2S");
        server = SampleServer.start(StandaloneSettings.fromEnvironment(env), env);
        browser = BrowserAccess.start(temp.resolve("chromium"), 1280, 1100);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static WebElement row(String tableId, String firstCell) {
        for (WebElement row : browser.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            if (row.findElement(By.cssSelector("th")).getAttribute("textContent").strip().startsWith(firstCell)) {
                return row;
            }
        }
        throw new AssertionError("no row '" + firstCell + "' in " + tableId + ": "
                + browser.findElement(By.id(tableId)).getAttribute("textContent"));
    }

    /** The operations section alone, with the window tall enough to hold all of it. */
    private static void sectionScreenshot(Path file) throws java.io.IOException {
        Dimension size = browser.manage().window().getSize();
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(size.getWidth(), Math.min(6000, height.intValue() + 140)));
        try {
            Files.write(file, browser.findElement(By.id("ops")).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    @Test
    void showsTrafficLatencyFailuresHeadroomAndHealthAfterRealTraffic() throws Exception {
        DemoPlatform demo = server.demo().orElseThrow();
        DemoWorld world = demo.world();
        PlatformEmulator emulator = demo.emulator();
        String pageId = world.personalPage().id();
        String psid = world.personalPageCustomer().psid();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);

        // Sign in with the demo link, log in with Facebook (the emulator's stand-in), link the personal page.
        browser.get(server.baseUri() + "#chatbot=" + DemoPlatform.CHATBOT + "&key=" + demo.apiKey());
        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("messengerkit-emulator-continue"))).click();
        By pageRow = By.cssSelector("#pages-table tr[data-page='" + pageId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(pageRow)).findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(pageRow, "Linked"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("ops")));

        // Real traffic: each message is a signed webhook to the app, answered through the Send API of the emulator.
        for (int i = 0; i < MESSAGES.size(); i++) {
            if (i == MESSAGES.size() - 1) {
                // Typing on, typing off (both best effort), then the reply: Meta refuses the reply once with code 551.
                emulator.injectFault(".*/messages", 3, Fault.error(new EmulatedGraphError(400, 551, null, "OAuthException",
                        "(#551) This person isn't available right now.", null)));
            }
            assertTrue(emulator.userSends(pageId, psid, MESSAGES.get(i)).delivered(), "delivered: " + MESSAGES.get(i));
            if (i == MESSAGES.size() - 1) {
                // 551 is permanent: no retry, the event is set aside at once and the person gets no reply.
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> server.backend().events().counts()
                        .get(io.messengerkit.jakarta.persistence.EventQueue.Status.SET_ASIDE) == 1);
                assertEquals(i, emulator.conversation(pageId, psid).replies().size());
                continue;
            }
            // A turn ends with "seen"; waiting for it keeps the fault above from meeting the previous turn's last call.
            int answered = i + 1;
            Conversation conversation = emulator.awaitConversation(pageId, psid, c -> c.outbound().stream()
                    .filter(e -> e.isSenderAction("mark_seen")).count() >= answered, Duration.ofSeconds(30));
            assertEquals(answered, conversation.replies().size(), "replies so far: " + conversation.replies());
        }
        int repliesSeenByMeta = emulator.conversation(pageId, psid).replies().size();
        // One log row per message, written when its event is finished: wait for the last before reading the figures.
        MessageLog log = server.backend().messageLog();
        long rows = MESSAGES.size();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                log.summary(DemoPlatform.CHATBOT, Optional.empty(), 0, 1).total() >= rows);

        browser.findElement(By.id("ops-reload")).click();
        wait.until(ExpectedConditions.textToBe(By.id("ops-inbound"), Integer.toString(MESSAGES.size())));
        assertEquals(Integer.toString(repliesSeenByMeta), text("ops-outbound"), "replies out are the ones Meta accepted");
        assertEquals("1", text("ops-failed"));
        for (String percentile : List.of("ops-p50", "ops-p90", "ops-p99")) {
            assertTrue(LATENCY.matcher(text(percentile)).matches(), percentile + ": " + text(percentile));
        }
        assertTrue(text("ops-failures-caption").contains("code 551: 1"), text("ops-failures-caption"));
        assertTrue(text("ops-version").contains("Graph API " + emulator.defaultVersion()), text("ops-version"));
        for (String chart : List.of("ops-traffic-chart", "ops-latency-chart", "ops-failures-chart", "ops-headroom-chart")) {
            WebElement canvas = browser.findElement(By.cssSelector("#" + chart + " canvas"));
            assertTrue(canvas.getSize().getWidth() > 200, chart + " is drawn");
        }

        // The tables behind the charts, opened with the keyboard: Range, Reload, then the first table's summary.
        browser.findElement(By.id("ops-days")).sendKeys(Keys.TAB);
        assertEquals("ops-reload", browser.switchTo().activeElement().getAttribute("id"));
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement summary = browser.switchTo().activeElement();
        assertEquals("Messages per day as a table", summary.getText());
        summary.sendKeys(Keys.ENTER);
        assertTrue(browser.findElement(By.cssSelector("#ops-traffic-table")).isDisplayed(), "Enter opens the table");
        WebElement today = browser.findElements(By.cssSelector("#ops-traffic-table tbody tr")).get(13);
        assertEquals(List.of(Integer.toString(MESSAGES.size()), Integer.toString(repliesSeenByMeta), "1"),
                today.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        for (String table : List.of("ops-latency-table", "ops-failures-table", "ops-headroom-table")) {
            browser.findElement(By.cssSelector("#" + table)).findElement(By.xpath("ancestor::details/summary")).click();
        }
        WebElement failure = row("ops-failures-table", "551");
        assertEquals(List.of("Person not available", "1"),
                failure.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        assertEquals(3, browser.findElements(By.cssSelector("#ops-latency-table tbody tr")).size());
        int headroom = server.backend().pageUsage().page(pageId).orElseThrow().headroomPercent();
        assertTrue(headroom >= 90, "a handful of sends leaves most of the budget free: " + headroom);
        WebElement usage = row("ops-headroom-table", world.personalPage().name());
        assertEquals(headroom + " %", usage.findElements(By.tagName("td")).get(1).getText());

        WebElement health = row("ops-health-table", world.personalPage().name());
        assertEquals("ok", health.getAttribute("data-state"));
        assertTrue(health.getText().contains("Subscribed") && health.getText().contains("Valid"), health.getText());
        assertEquals("ok", row("ops-health-table", world.user().name()).getAttribute("data-state"));
        // The refused message is in the "Events set aside" section, with its reason and Graph code.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("set-aside-reload"))).click();
        WebElement aside = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#set-aside-table tbody tr")));
        assertTrue(aside.getText().contains("RECIPIENT_UNAVAILABLE") && aside.getText().contains("551"), aside.getText());
        assertTrue(browser.findElement(By.id("set-aside")).isDisplayed());
        Path desktop = BrowserAccess.fullPageScreenshot(browser, "dashboard-desktop");
        assertTrue(Files.size(desktop) > 20_000, "screenshot written");
        sectionScreenshot(desktop.resolveSibling("dashboard-section.png"));

        // Meta dropped the page's subscription: the row says so and its button, pressed from the keyboard, fixes it.
        server.backend().links().setPageStatus(DemoPlatform.CHATBOT, pageId, LinkStatus.UNSUBSCRIBED,
                "Re-subscribing failed: Graph error 200.");
        browser.findElement(By.id("ops-reload")).click();
        wait.until(driver -> "unsubscribed".equals(row("ops-health-table", world.personalPage().name()).getAttribute("data-state")));
        WebElement fix = row("ops-health-table", world.personalPage().name()).findElement(By.cssSelector("button[data-action]"));
        assertEquals("Resubscribe", fix.getText());
        assertEquals("Resubscribe: " + world.personalPage().name(), fix.getAttribute("aria-label"));
        fix.sendKeys(Keys.ENTER);
        wait.until(driver -> "ok".equals(row("ops-health-table", world.personalPage().name()).getAttribute("data-state")));
        assertTrue(world.personalPage().subscribedFields().contains("messages"), "the page is subscribed again");

        // Meta rejected the page token: the fix is a new Facebook login, after which the page has a fresh token.
        server.backend().tokens().markReconnectNeeded(TokenKey.page(DemoPlatform.CHATBOT, pageId));
        browser.findElement(By.id("ops-reload")).click();
        wait.until(driver -> "reconnect_needed".equals(row("ops-health-table", world.personalPage().name()).getAttribute("data-state")));
        WebElement login = row("ops-health-table", world.personalPage().name()).findElement(By.cssSelector("button[data-action]"));
        assertEquals("Log in again", login.getText());
        login.sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("messengerkit-emulator-continue"))).click();
        wait.until(driver -> "ok".equals(row("ops-health-table", world.personalPage().name()).getAttribute("data-state")));

        // A phone-sized screen: one column, no sideways scrolling, the same figures.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("ops-inbound"), Integer.toString(MESSAGES.size())));
        assertEquals("1", text("ops-failed"));
        Long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling of the page on a phone");
        Long healthOverflow = (Long) browser.executeScript("const region = document.getElementById('ops-health-table')"
                + ".closest('.table-scroll'); return region.scrollWidth - region.clientWidth;");
        assertEquals(0L, healthOverflow, "the health rows fit the phone without sideways scrolling");
        WebElement chart = browser.findElement(By.cssSelector("#ops-traffic-chart canvas"));
        assertTrue(chart.getSize().getWidth() <= 390 && chart.getSize().getWidth() > 250, "the chart fits the phone: "
                + chart.getSize());
        browser.executeScript("document.getElementById('ops').scrollIntoView();");
        Path phone = BrowserAccess.fullPageScreenshot(browser, "dashboard-phone");
        assertTrue(Files.size(phone) > 20_000, "screenshot written");
        sectionScreenshot(phone.resolveSibling("dashboard-section-phone.png"));
    }
}
