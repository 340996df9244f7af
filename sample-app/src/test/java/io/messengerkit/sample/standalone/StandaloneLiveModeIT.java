package io.messengerkit.sample.standalone;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live mode (an app id is configured) on the H2 file database under {@code DATA_DIR}: the banner tells what
 * to paste into Meta's dashboard, the token keyset is generated once and kept, and a linked account's sealed
 * tokens still open after a restart. The Graph API is the emulator, reached through
 * {@code MESSENGER_GRAPH_BASE_URL} exactly as the real one would be.
 */
class StandaloneLiveModeIT {

    private static final String KEY = "made-up-api-key-for-live-mode-test";
    private static final String VERIFY_TOKEN = "made-up-verify-token-live";

    @TempDir
    static Path data;

    private static PlatformEmulator emulator;
    private static DemoWorld world;
    // The JDK client asks to upgrade to HTTP/2 (h2c) on its first request: the standalone server must take it.
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startEmulator() {
        emulator = PlatformEmulator.builder().appSecret(AppSecret.of("made-up-live-mode-app-secret")).start();
        world = emulator.seedDemo();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void printsWhatMetaNeedsKeepsItsKeysetAndReopensStoredTokensAfterARestart() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", emulator.appId());
        env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        env.put("MESSENGER_VERIFY_TOKEN", VERIFY_TOKEN);
        env.put("MESSENGER_API_KEYS", "shop-bot=" + KEY);
        env.put("PUBLIC_URL", "https://bot.example.test/");
        env.put("PORT", "0");
        env.put("DATA_DIR", data.toString());

        Path keyset = data.resolve("token-keyset.json");
        try (SampleServer server = SampleServer.start(StandaloneSettings.fromEnvironment(env), env)) {
            assertFalse(server.demo().isPresent(), "an app id means live mode");
            assertEquals(keyset, server.generatedKeyset().orElseThrow());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));
            String banner = banner(server);
            assertTrue(banner.contains("Callback URL  https://bot.example.test/api/webhook/"), banner);
            assertTrue(banner.contains("Verify token  " + VERIFY_TOKEN), banner);
            assertTrue(banner.contains("Token keyset  generated " + keyset), banner);
            assertFalse(banner.contains(emulator.appSecret().reveal()), "the app secret is never printed");

            HttpResponse<String> linked = post(server, "api/fb-linkage/",
                    "{\"chatbot_id\":\"shop-bot\",\"access_token\":\"" + world.user().shortLivedToken().reveal() + "\"}");
            assertEquals(200, linked.statusCode(), linked.body());
        }
        assertTrue(Files.exists(data.resolve("messengerkit.mv.db")), "the H2 file database lives under DATA_DIR");

        try (SampleServer restarted = SampleServer.start(StandaloneSettings.fromEnvironment(env), env)) {
            assertTrue(restarted.generatedKeyset().isEmpty(), "the keyset is read back, not generated again");
            // Refreshing reads the pages again with the stored long-lived token: it must still open.
            HttpResponse<String> refreshed = get(restarted, "api/refresh-pages/?chatbot_id=shop-bot");
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertTrue(refreshed.body().contains(world.personalPage().name()), refreshed.body());
        }
    }

    private static String banner(SampleServer server) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StandaloneMain.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), server, 1234);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(SampleServer server, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(SampleServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
