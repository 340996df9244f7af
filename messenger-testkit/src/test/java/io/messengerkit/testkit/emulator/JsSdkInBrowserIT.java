package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.WebhookReceiver;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the emulator's {@code sdk.js} in headless Chromium from a page on another loopback port
 * (so CORS is exercised), logs in through the consent dialog, calls the Graph API with
 * {@code FB.api} and messages the page as a user.
 */
class JsSdkInBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void loginApiAndInboundWorkFromAPageOnAnotherOrigin(@TempDir Path profile) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is installed by .ci/run");
        try (WebhookReceiver app = new WebhookReceiver();
                PlatformEmulator emulator = PlatformEmulator.builder().webhookCallback(app.uri()).start()) {
            DemoWorld world = emulator.seedDemo();
            world.personalPage().subscribeApp("messages");
            String page = """
                    <!doctype html><html><body><pre id="out">pending</pre><script>
                    function out(v) { document.getElementById('out').textContent = 'RESULT ' + JSON.stringify(v); }
                    window.fbAsyncInit = function () {
                      FB.init({ appId: '%s', version: 'v26.0' });
                      FB.login(function (login) {
                        if (login.status !== 'connected') { out({ error: 'not connected' }); return; }
                        FB.api('/me', { fields: 'id,name' }, function (me) {
                          fetch('%s/emulator/pages/%s/inbound', { method: 'POST',
                              headers: { 'Content-Type': 'application/json' },
                              body: JSON.stringify({ text: 'hello from the browser' }) })
                            .then(function (r) { return r.json(); })
                            .then(function (inbound) {
                              FB.getLoginStatus(function (status) {
                                out({ status: status.status, me: me, delivered: inbound.delivered,
                                      tokenLength: login.authResponse.accessToken.length,
                                      userID: login.authResponse.userID });
                              });
                            }, function (e) { out({ error: String(e) }); });
                        });
                      }, { scope: 'pages_show_list,pages_messaging' });
                      setTimeout(function () { document.getElementById('messengerkit-emulator-continue').click(); }, 0);
                    };
                    </script><script src="%s/emulator/sdk.js"></script></body></html>
                    """.formatted(emulator.appId(), emulator.baseUrl(), world.personalPage().id(), emulator.baseUrl());
            HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            site.createContext("/", exchange -> {
                byte[] body = page.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            site.start();
            try {
                String url = "http://localhost:" + site.getAddress().getPort() + "/";
                ProcessBuilder chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                        "--virtual-time-budget=10000", "--dump-dom", url));
                File dom = profile.resolve("dom.html").toFile();
                chromium.redirectOutput(dom).redirectError(profile.resolve("chromium.log").toFile());
                Process process = chromium.start();
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "Chromium did not finish");
                String html = Files.readString(dom.toPath());
                Matcher result = Pattern.compile("RESULT (\\{.*?\\})</pre>").matcher(html);
                assertTrue(result.find(), html);
                JsonNode json = Http.JSON.readTree(result.group(1).replace("&quot;", "\""));
                assertEquals("connected", json.get("status").asText(), json.toString());
                assertEquals(world.user().id(), json.get("userID").asText());
                assertEquals(world.user().id(), json.get("me").get("id").asText());
                assertEquals("Dana Demo", json.get("me").get("name").asText());
                assertTrue(json.get("tokenLength").asInt() > 40);
                assertTrue(json.get("delivered").asBoolean(), json.toString());
                assertTrue(new String(app.take().body(), StandardCharsets.US_ASCII).contains("hello from the browser"));
            } finally {
                site.stop(0);
            }
        }
    }
}
