package io.messengerkit.sample.standalone;

import io.messengerkit.AppSecret;
import io.messengerkit.sample.BrowserAccess;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestInstagramAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's whole flow in a real headless Chromium against the standalone sample in demo mode: sign in with
 * the printed demo key, "Continue with Facebook" (the emulator's stand-in for the JS SDK), link a page,
 * message the page as a user, and see the bot's reply in the conversation and in the message history.
 */
class AdminPageBrowserIT {

    @TempDir
    static Path temp;

    private static SampleServer server;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of("PORT", "0", "DATA_DIR", temp.resolve("data").toString());
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

    /**
     * Taps the newest button with this title once the page's turn is over (its last step, "Seen", is shown):
     * the transcript is redrawn while the bot is still answering, which would detach a button found earlier.
     * A redraw between finding and clicking (the transcript is also polled) detaches it too: then it is found again.
     */
    private static void tapInTranscript(WebDriverWait wait, String title) {
        wait.until(driver -> {
            WebElement button = (WebElement) ((ChromeDriver) driver).executeScript(
                    "const items = document.querySelectorAll('#transcript li');"
                            + "const last = items[items.length - 1];"
                            + "if (!last || last.dataset.kind !== 'seen') return null;"
                            + "const buttons = [...document.querySelectorAll('#transcript button.chip')]"
                            + "  .filter((b) => b.textContent.trim() === arguments[0]);"
                            + "return buttons.length ? buttons[buttons.length - 1] : null;", title);
            if (button == null) {
                return false;
            }
            try {
                button.click();
                return true;
            } catch (StaleElementReferenceException redrawn) {
                return false;
            }
        });
    }

    /**
     * Live mode: a link carrying someone's credentials in its fragment signs nobody in (login CSRF would
     * otherwise have the visitor link their Facebook account to the attacker's chatbot); the form does.
     */
    @Test
    void liveModeIgnoresCredentialsInTheLinkAndShowsWhoIsSignedIn() throws Exception {
        String key = "made-up-live-api-key-0123456789";
        Path keyset = temp.resolve("live-keyset.json");
        TokenKeyset.generate().writeTo(keyset);
        try (PlatformEmulator graph = PlatformEmulator.builder().appSecret(AppSecret.of("made-up-live-browser-secret")).start()) {
            Map<String, String> env = new HashMap<>();
            env.put("MESSENGER_APP_ID", graph.appId());
            env.put("MESSENGER_APP_SECRET", graph.appSecret().reveal());
            env.put("MESSENGER_GRAPH_BASE_URL", graph.baseUrl());
            env.put("SAMPLE_FB_SDK_URL", graph.baseUrl() + "/emulator/sdk.js");
            env.put("MESSENGER_VERIFY_TOKEN", "made-up-live-verify-token");
            env.put("MESSENGER_API_KEYS", "shop-bot=" + key);
            env.put("MESSENGER_TOKEN_KEYSET_FILE", keyset.toString());
            env.put("PORT", "0");
            env.put("DATA_DIR", temp.resolve("live-data").toString());
            try (SampleServer live = SampleServer.start(StandaloneSettings.fromEnvironment(env), env)) {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                browser.get(live.baseUri() + "#chatbot=shop-bot&key=" + key);
                assertEquals("Live", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mode"))).getText());
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
                assertTrue(browser.findElement(By.id("notice")).getText().contains("ignored"), browser.findElement(By.id("notice")).getText());
                assertTrue(!browser.findElement(By.id("app")).isDisplayed(), "not signed in by the link");
                assertTrue(!browser.getCurrentUrl().contains(key), "the key leaves the address bar anyway");

                browser.findElement(By.id("chatbot")).sendKeys("shop-bot");
                browser.findElement(By.id("api-key")).sendKeys(key);
                browser.findElement(By.cssSelector("#signin-form button[type=submit]")).click();
                assertEquals("shop-bot", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-chatbot"))).getText());
                // Leave the page before the server stops, so no request of it meets a server shutting down.
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account")));
                browser.get("about:blank");
            }
        }
    }

    @Test
    void demoFlowFromFacebookLoginToTheBotsReplyInTheHistory() throws Exception {
        DemoPlatform demo = server.demo().orElseThrow();
        DemoWorld world = demo.world();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        // The link the server prints: the credentials travel in the fragment, which no server sees.
        browser.get(server.baseUri() + "#chatbot=" + DemoPlatform.CHATBOT + "&key=" + demo.apiKey());
        assertEquals("Demo mode", wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("mode"))).getText());
        assertTrue(!browser.getCurrentUrl().contains(demo.apiKey()), "the key leaves the address bar");
        assertEquals(DemoPlatform.CHATBOT, wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-chatbot")))
                .getText(), "the page always shows which chatbot it acts on");

        wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("messengerkit-emulator-continue"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("account-name"), world.user().name()));
        assertEquals("Valid", browser.findElement(By.id("token-status")).getText());

        String pageId = world.personalPage().id();
        By pageRow = By.cssSelector("#pages-table tr[data-page='" + pageId + "']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(pageRow));
        assertTrue(browser.findElement(By.id("pages-table")).getText().contains("Business portfolio"),
                "business pages are listed with personal ones");
        browser.findElement(pageRow).findElement(By.cssSelector("button.primary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(pageRow, "Linked"));
        assertTrue(world.personalPage().subscribedFields().contains("messages"), "linking subscribed the page");

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try")));
        new Select(browser.findElement(By.id("try-page"))).selectByValue(pageId);
        WebElement text = browser.findElement(By.id("try-text"));
        text.sendKeys("Hi there!");
        browser.findElement(By.cssSelector("#try-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Ask me about opening hours"));

        // Get Started (a postback) brings the greeting with buttons; a button, then a quick reply of its answer.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("get-started"))).click();
        tapInTranscript(wait, "Opening hours");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Monday to Friday"));
        tapInTranscript(wait, "Prices");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "cappuccino 3.10"));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-table"), "Hi there!"));
        // Each turn is logged after its reply went out, so the table may show the postback turns a refresh later.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-table"), "Monday to Friday"));
        String history = browser.findElement(By.id("history-table")).getText();
        assertTrue(history.contains("Ask me about opening hours"), history);
        assertTrue(history.contains("Opening hours") && history.contains("Monday to Friday"), "postback turns are logged too: " + history);
        assertTrue(browser.findElement(By.id("counts")).getText().contains(world.personalPage().name()),
                browser.findElement(By.id("counts")).getText());

        // The page's Instagram account was linked with it (demo pages have one): message it as an Instagram user.
        TestInstagramAccount instagram = world.personalPage().instagramAccount().orElseThrow();
        assertTrue(browser.findElement(pageRow).getText().contains("Instagram @" + instagram.username()),
                browser.findElement(pageRow).getText());
        assertTrue(browser.findElement(pageRow).getText().contains("Instagram messaging on"));
        new Select(browser.findElement(By.id("try-page"))).selectByValue(instagram.id());
        WebElement instagramText = browser.findElement(By.id("try-text"));
        instagramText.clear();
        instagramText.sendKeys("Hi from Instagram!");
        browser.findElement(By.cssSelector("#try-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Hi from Instagram!"));
        wait.until(driver -> instagram.users().stream().anyMatch(igsid -> instagram.conversation(igsid).replies()
                .stream().anyMatch(reply -> reply.contains("Ask me about opening hours"))));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Ask me about opening hours"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-table"), "Hi from Instagram!"));
        WebElement instagramRow = browser.findElements(By.cssSelector("#history-table tbody tr")).stream()
                .filter(row -> row.getText().contains("Hi from Instagram!")).findFirst().orElseThrow();
        assertEquals("instagram", instagramRow.findElement(By.cssSelector("td[data-platform]")).getAttribute("data-platform"));
        assertTrue(instagramRow.getText().contains("Instagram @" + instagram.username()), instagramRow.getText());
        assertTrue(browser.findElement(By.id("counts")).getText().contains("Instagram @" + instagram.username()),
                browser.findElement(By.id("counts")).getText());

        // A person at the business answers from the Page inbox: the conversation is listed under "With a human",
        // the bot stays quiet, and the operator hands it back.
        TestCustomer alex = world.personalPage().customers().stream()
                .filter(c -> c.conversation().replies().stream().anyMatch(r -> r.contains("Ask me about opening hours")))
                .findFirst().orElseThrow();
        demo.emulator().pageInboxReplies(pageId, alex.psid(), "Hi, Sam from the café here");
        By humanRow = By.cssSelector("#with-human-table tr[data-psid='" + alex.psid() + "']");
        wait.until(driver -> {
            driver.findElement(By.id("reload-with-human")).click();
            return !driver.findElements(humanRow).isEmpty();
        });
        // A reload clicked above may still be redrawing the table: find the row afresh until the click lands.
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(driver -> {
            WebElement row = driver.findElement(humanRow);
            if (!row.getText().contains("Answered from the Page inbox")) {
                return false;
            }
            row.findElement(By.cssSelector("button.hand-back")).click();
            return true;
        });
        wait.until(ExpectedConditions.invisibilityOfElementLocated(humanRow));
        assertTrue(browser.findElement(By.id("with-human-empty")).isDisplayed());
        assertEquals(java.util.Optional.of(demo.emulator().appId()), demo.emulator().threadOwner(pageId, alex.psid()),
                "handing back took thread control for the bot");

        Path shot = BrowserAccess.fullPageScreenshot(browser, "admin-demo-flow");
        assertTrue(Files.size(shot) > 10_000, "screenshot written");

        // The same page on a phone-sized screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history-table"), "Hi there!"));
        Long overflow = (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertEquals(0L, overflow, "no horizontal scrolling of the page on a phone");
        BrowserAccess.fullPageScreenshot(browser, "admin-demo-phone");
    }
}
