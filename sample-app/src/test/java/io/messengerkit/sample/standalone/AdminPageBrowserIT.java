package io.messengerkit.sample.standalone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The admin page in a real headless Chromium against the standalone sample in demo mode.
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
        browser = io.messengerkit.sample.BrowserAccess.start(temp.resolve("chromium"), 1200, 1000);
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

    @Test
    void showsDemoModeAndAsksForTheApiKey() {
        browser.get(server.baseUri().toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
        io.messengerkit.sample.BrowserAccess.screenshot(browser, "admin-sign-in");
        assertEquals("Sign in", browser.findElement(By.id("signin-title")).getText());
    }
}
