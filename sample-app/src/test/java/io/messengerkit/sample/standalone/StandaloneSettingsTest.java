package io.messengerkit.sample.standalone;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
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

    @Test
    void liveModeWhenAnAppIdIsSetUsesItsOwnDatabase() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of("MESSENGER_APP_ID", "1234", "DATA_DIR", "/tmp/x",
                "PUBLIC_URL", "https://bot.example.com/"));
        assertFalse(settings.demo());
        assertTrue(settings.dbUrl().startsWith("jdbc:h2:file:/tmp/x/messengerkit"), settings.dbUrl());
        assertEquals(URI.create("https://bot.example.com"), settings.publicUrl());
    }

    @Test
    void takesPostgresqlFromDbVariables() {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Map.of(
                "DB_URL", "jdbc:postgresql://127.0.0.1:5432/test", "DB_USER", "postgres", "DB_PASSWORD", "made-up-password"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", settings.dbUrl());
        assertFalse(settings.h2());
        assertFalse(settings.toString().contains("made-up-password"), settings.toString());
    }

    @Test
    void rejectsPortsThatAreNotPortNumbers() {
        assertThrows(IllegalArgumentException.class, () -> StandaloneSettings.fromEnvironment(Map.of("PORT", "http")));
        assertThrows(IllegalArgumentException.class, () -> StandaloneSettings.fromEnvironment(Map.of("PORT", "70000")));
        assertEquals(0, StandaloneSettings.fromEnvironment(Map.of("PORT", "0")).port());
    }
}
