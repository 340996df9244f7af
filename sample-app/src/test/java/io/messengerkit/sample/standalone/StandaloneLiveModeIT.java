package io.messengerkit.sample.standalone;

import io.messengerkit.AppSecret;
import io.messengerkit.token.StoredTokenCheck;
import io.messengerkit.token.TokenKeyset;
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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live mode on the H2 file database under {@code DATA_DIR}: the banner tells what to paste into Meta's
 * dashboard without printing a secret, the keyset is the one configured (live mode never makes one), a linked
 * account's sealed tokens still open after a restart, and a start with another keyset is refused because it
 * cannot open them. The Graph API is the emulator, reached through {@code MESSENGER_GRAPH_BASE_URL} exactly as
 * the real one would be.
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
    void printsWhatMetaNeedsWithoutSecretsAndRefusesAKeysetThatCannotOpenTheStoredTokens() throws Exception {
        // Generating a keyset is the operator's explicit step (the keyset tool); live mode only reads it.
        Path keysetFile = data.resolve("secrets").resolve("token-keyset.json");
        Files.createDirectories(keysetFile.getParent());
        TokenKeyset keyset = TokenKeyset.generate();
        keyset.writeTo(keysetFile);
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", emulator.appId());
        env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        env.put("MESSENGER_VERIFY_TOKEN", VERIFY_TOKEN);
        env.put("MESSENGER_API_KEYS", "shop-bot=" + KEY);
        env.put("MESSENGER_TOKEN_KEYSET_FILE", keysetFile.toString());
        env.put("PUBLIC_URL", "https://bot.example.test/");
        env.put("PORT", "0");
        env.put("DATA_DIR", data.toString());

        try (SampleServer server = SampleServer.start(StandaloneSettings.fromEnvironment(env), env)) {
            assertFalse(server.demo().isPresent(), "a complete live configuration means live mode");
            String banner = banner(server);
            assertTrue(banner.contains("Callback URL  https://bot.example.test/api/webhook/"), banner);
            assertTrue(banner.contains("Verify token  the value of MESSENGER_VERIFY_TOKEN"), banner);
            for (String secret : new String[] {VERIFY_TOKEN, emulator.appSecret().reveal(), KEY}) {
                assertFalse(banner.contains(secret), "no secret in the banner: " + banner);
            }
            HttpResponse<String> linked = post(server, "api/fb-linkage/",
                    "{\"chatbot_id\":\"shop-bot\",\"access_token\":\"" + world.user().shortLivedToken().reveal() + "\"}");
            assertEquals(200, linked.statusCode(), linked.body());
        }
        assertTrue(Files.exists(data.resolve("messengerkit.mv.db")), "the H2 file database lives under DATA_DIR");
        try (Stream<Path> files = Files.list(data)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("keyset")), "live mode wrote no keyset");
        }

        // A new container with a new keyset: refused, saying why, instead of failing every reply later.
        Path otherKeyset = data.resolve("secrets").resolve("other-keyset.json");
        TokenKeyset.generate().writeTo(otherKeyset);
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("MESSENGER_TOKEN_KEYSET_FILE", otherKeyset.toString());
        StoredTokenCheck.KeysetMismatchException refused = assertThrows(StoredTokenCheck.KeysetMismatchException.class,
                () -> SampleServer.start(StandaloneSettings.fromEnvironment(wrong), wrong).close());
        assertTrue(refused.getMessage().contains("cannot open") && refused.getMessage().contains(
                Integer.toUnsignedString(keyset.primaryKeyId())), refused.getMessage());

        try (SampleServer restarted = SampleServer.start(StandaloneSettings.fromEnvironment(env), env)) {
            // Refreshing reads the pages again with the stored long-lived token: it must still open.
            HttpResponse<String> refreshed = post(restarted, "api/refresh-pages/", "{\"chatbot_id\":\"shop-bot\"}");
            assertEquals(200, refreshed.statusCode(), refreshed.body());
            assertTrue(refreshed.body().contains(world.personalPage().name()), refreshed.body());
            assertEquals(200, get(restarted, "api/refresh-pages/?chatbot_id=shop-bot").statusCode(), "GET still works");
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
