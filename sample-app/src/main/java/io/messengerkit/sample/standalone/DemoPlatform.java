package io.messengerkit.sample.standalone;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.PlatformEmulator;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Demo mode's stand-in for Meta: the testkit's Messenger Platform emulator on loopback, seeded with a
 * demo user, personal and business pages and a customer per page, plus the made-up credentials the app
 * uses against it. Everything is fresh on each start.
 */
final class DemoPlatform implements AutoCloseable {

    static final String CHATBOT = "demo-bot";

    private final PlatformEmulator emulator;
    private final DemoWorld world;
    private final String apiKey;
    private final String verifyToken;

    private DemoPlatform(PlatformEmulator emulator, DemoWorld world, String apiKey, String verifyToken) {
        this.emulator = emulator;
        this.world = world;
        this.apiKey = apiKey;
        this.verifyToken = verifyToken;
    }

    /**
     * Starts the emulator. An app secret or API key given in {@code env} is used instead of a random one
     * (the load test signs its deliveries with a known secret).
     */
    static DemoPlatform start(Map<String, String> env) {
        SecureRandom random = new SecureRandom();
        String secret = orRandom(env.get("MESSENGER_APP_SECRET"), random);
        String apiKey = orRandom(env.get("SAMPLE_DEMO_API_KEY"), random);
        PlatformEmulator emulator = PlatformEmulator.builder()
                .appSecret(AppSecret.of(secret))
                .appName("MessengerKit sample (demo)")
                .start();
        try {
            return new DemoPlatform(emulator, emulator.seedDemo(), apiKey, orRandom(null, random));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /**
     * The configuration the app runs with against the emulator: the caller's environment, overridden by
     * the emulator's app id, secret and Graph URL and by the demo's API key and verify token.
     */
    Map<String, String> environment(Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(env);
        merged.put("MESSENGER_APP_ID", emulator.appId());
        merged.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
        merged.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
        merged.put("MESSENGER_API_VERSION", emulator.defaultVersion());
        merged.put("MESSENGER_VERIFY_TOKEN", verifyToken);
        merged.put("MESSENGER_API_KEYS", CHATBOT + "=" + apiKey);
        // Echoes and handover events tell the bot when a person at the business answers (it then stays quiet).
        merged.putIfAbsent("MESSENGER_SUBSCRIBED_FIELDS", "message_echoes,messaging_handovers,standby");
        return merged;
    }

    /** Points the emulator's webhook at the running app and runs Meta's verification handshake. */
    boolean connect(URI appBaseUri) {
        return emulator.verifyAndSetWebhookCallback(appBaseUri.resolve("api/webhook/"), verifyToken);
    }

    URI sdkUrl() {
        return URI.create(emulator.baseUrl() + "/emulator/sdk.js");
    }

    PlatformEmulator emulator() {
        return emulator;
    }

    DemoWorld world() {
        return world;
    }

    String apiKey() {
        return apiKey;
    }

    @Override
    public void close() {
        emulator.close();
    }

    private static String orRandom(String given, SecureRandom random) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "DemoPlatform[" + Objects.toString(emulator) + "]";
    }
}
