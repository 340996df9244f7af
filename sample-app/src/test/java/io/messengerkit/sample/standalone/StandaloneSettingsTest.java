package io.messengerkit.sample.standalone;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandaloneSettingsTest {

    @Test
    void defaultsToDemoModeOnPort8080WithH2UnderData() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of());
        assertTrue(settings.demo());
        assertEquals(8080, settings.port());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(Path.of("data").toAbsolutePath(), settings.dataDir());
        assertTrue(settings.dbUrl().startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("demo")), settings.dbUrl());
        assertTrue(settings.h2());
    }

    /** A complete live configuration, as made-up values. */
    static Map<String, String> live(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("MESSENGER_APP_ID", "1234", "MESSENGER_APP_SECRET", "made-up-secret",
                "MESSENGER_VERIFY_TOKEN", "made-up-verify-token", "MESSENGER_API_KEYS", "shop=made-up-api-key-0123456789",
                "MESSENGER_TOKEN_KEYSET_FILE", "/etc/made-up/keyset.json"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void liveModeWithACompleteConfigurationUsesItsOwnDatabase() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(live("DATA_DIR", "/tmp/x", "PUBLIC_URL", "https://bot.example.com/"));
        assertFalse(settings.demo());
        assertTrue(settings.dbUrl().startsWith("jdbc:h2:file:/tmp/x/messengerkit"), settings.dbUrl());
        assertEquals(URI.create("https://bot.example.com"), settings.publicUrl());
        assertFalse(settings.toString().contains("made-up-secret"), settings.toString());
    }

    @Test
    void takesPostgresqlFromDbVariables() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(live(
                "DB_URL", "jdbc:postgresql://127.0.0.1:5432/test", "DB_USER", "postgres", "DB_PASSWORD", "made-up-password"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", settings.dbUrl());
        assertFalse(settings.h2());
        assertFalse(settings.toString().contains("made-up-password"), settings.toString());
    }

    @Test
    void anyPieceOfALiveConfigurationRulesTheDemoOutAndTheRestIsNamed() {
        for (String marker : StartupMode.LIVE_MARKERS) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StandaloneSettings.fromEnvironment(Map.of(marker, "jdbc:postgresql://db/x")), marker);
            assertTrue(refused.getMessage().contains(marker + " is set"), refused.getMessage());
            for (String required : StartupMode.REQUIRED_FOR_LIVE) {
                if (!required.equals(marker)) {
                    assertTrue(refused.getMessage().contains(required), marker + ": " + refused.getMessage());
                }
            }
            assertFalse(refused.getMessage().contains("jdbc:postgresql"), "values are never repeated");
        }
        IllegalArgumentException noKeyset = assertThrows(IllegalArgumentException.class, () -> StandaloneSettings.fromEnvironment(
                Map.of("MESSENGER_APP_ID", "1", "MESSENGER_APP_SECRET", "s", "MESSENGER_VERIFY_TOKEN", "v", "MESSENGER_API_KEYS", "k")));
        assertTrue(noKeyset.getMessage().contains("missing MESSENGER_TOKEN_KEYSET or MESSENGER_TOKEN_KEYSET_FILE."), noKeyset.getMessage());
        assertTrue(noKeyset.getMessage().contains("keyset generate"), "says how to make one: " + noKeyset.getMessage());
    }

    @Test
    void theModeCanBeChosenExplicitly(@TempDir Path data) throws Exception {
        StandaloneSettings demo = StandaloneSettings.fromEnvironment(Map.of(StartupMode.MODE_ENV, "demo",
                "DB_URL", "jdbc:postgresql://127.0.0.1:5432/test", "MESSENGER_APP_SECRET", "made-up-emulator-secret"));
        assertTrue(demo.demo(), "an explicit demo may run on PostgreSQL with a known emulator secret");
        IllegalArgumentException live = assertThrows(IllegalArgumentException.class,
                () -> StandaloneSettings.fromEnvironment(Map.of(StartupMode.MODE_ENV, "live", "DATA_DIR", data.toString())));
        for (String required : StartupMode.REQUIRED_FOR_LIVE) {
            assertTrue(live.getMessage().contains(required), live.getMessage());
        }
        Files.writeString(data.resolve("token-keyset.json"), "{}");
        IllegalArgumentException oldKeyset = assertThrows(IllegalArgumentException.class,
                () -> StandaloneSettings.fromEnvironment(Map.of(StartupMode.MODE_ENV, "live", "DATA_DIR", data.toString())));
        assertTrue(oldKeyset.getMessage().contains("MESSENGER_TOKEN_KEYSET_FILE=" + data.resolve("token-keyset.json")),
                oldKeyset.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> StandaloneSettings.fromEnvironment(Map.of(StartupMode.MODE_ENV, "production")));
        assertTrue(unknown.getMessage().startsWith(StartupMode.MODE_ENV), unknown.getMessage());
    }

    @Test
    void nonsensicalSettingsNameTheirVariable() {
        for (Map.Entry<String, String> bad : Map.of("SAMPLE_WEBHOOK_WORKERS", "0", "PUBLIC_URL", "not a url",
                "PORT", "-1").entrySet()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StandaloneSettings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())), bad.getKey());
            assertTrue(refused.getMessage().startsWith(bad.getKey()), refused.getMessage());
        }
    }

    @Test
    void rejectsPortsThatAreNotPortNumbers() {
        assertThrows(IllegalArgumentException.class, () -> StandaloneSettings.fromEnvironment(Map.of("PORT", "http")));
        assertThrows(IllegalArgumentException.class, () -> StandaloneSettings.fromEnvironment(Map.of("PORT", "70000")));
        assertEquals(0, StandaloneSettings.fromEnvironment(Map.of("PORT", "0")).port());
    }
}
