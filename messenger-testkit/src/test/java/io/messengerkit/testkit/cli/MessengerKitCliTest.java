package io.messengerkit.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AppSecret;
import io.messengerkit.testkit.support.Http;
import io.messengerkit.testkit.support.WebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessengerKitCliTest {
    private static final Map<String, String> ENV = Map.of("MESSENGER_APP_SECRET", "cli-secret");
    private WebhookReceiver receiver;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private int run(Map<String, String> env, String... args) {
        return MessengerKitCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    @Test
    void triggersASignedTextMessageAtTheCallback() throws Exception {
        int status = run(ENV, "trigger", "message", "--to", receiver.uri().toString(), "--page", "42", "--psid", "7",
                "--text", "hi");
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        WebhookReceiver.Received received = receiver.take();
        JsonNode event = Http.JSON.readTree(received.body()).at("/entry/0/messaging/0");
        assertEquals("hi", event.at("/message/text").asText());
        assertEquals("7", event.at("/sender/id").asText());
        assertEquals("42", event.at("/recipient/id").asText());
        assertEquals("sha256=" + AppSecret.of("cli-secret").hmacSha256Hex(received.body()),
                received.header("X-Hub-Signature-256"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("-> 200 EVENT_RECEIVED"));
    }

    @Test
    void duplicatesPostbacksAndReportsAppsThatRejectForgedSignatures() {
        assertEquals(0, run(Map.of(), "trigger", "postback", "--to", receiver.uri().toString(), "--secret", "s",
                "--payload", "GET_STARTED", "--duplicate", "2"));
        assertTrue(new String(receiver.take().body(), StandardCharsets.US_ASCII).contains("GET_STARTED"));
        receiver.take();

        receiver.answer(r -> r.header("X-Hub-Signature-256").equals("sha256="
                + AppSecret.of("cli-secret").hmacSha256Hex(r.body())) ? 200 : 403, r -> "checked");
        assertEquals(0, run(ENV, "trigger", "message", "--to", receiver.uri().toString(), "--text", "forged",
                "--bad-signature", "--expect", "403"));
        assertEquals(1, run(ENV, "trigger", "message", "--to", receiver.uri().toString(), "--text", "forged",
                "--bad-signature"), "a rejected delivery is a failure unless expected");
    }

    @Test
    void failsWithUsageWhenTheSecretOrTextIsMissing() {
        assertEquals(2, run(Map.of(), "trigger", "message", "--to", receiver.uri().toString(), "--text", "hi"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("MESSENGER_APP_SECRET"));
        assertEquals(2, run(ENV, "trigger", "message", "--to", receiver.uri().toString()));
        assertEquals(2, run(ENV, "trigger", "message", "--to", "ftp://x", "--text", "hi"));
        assertEquals(2, run(ENV, "launch"));
        assertEquals(0, receiver.pending());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("cli-secret"));
    }

    @Test
    void runsTheEmulatorWithDemoDataUntilInterrupted() throws Exception {
        java.io.PipedInputStream pipe = new java.io.PipedInputStream();
        PrintStream console = new PrintStream(new java.io.PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
        int[] status = {-1};
        Thread cli = new Thread(() -> status[0] = MessengerKitCli.run(new String[] {"emulator", "--port", "0", "--demo",
                "--callback", receiver.uri().toString()}, console, console, ENV));
        cli.start();
        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(pipe, StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertTrue(first.startsWith("Messenger Platform emulator listening on http://127.0.0.1:"), first);
        String base = first.substring(first.indexOf("http://"));
        String line;
        do {
            line = lines.readLine();
        } while (!line.startsWith("Press Ctrl-C"));

        JsonNode info = Http.get(base + "/emulator/info").json();
        assertEquals("Dana Demo", info.get("demo_user").get("name").asText());
        assertEquals(receiver.uri().toString(), info.get("webhook_callback").asText());
        assertEquals(3, info.get("pages").size());

        cli.interrupt();
        cli.join(10_000);
        assertFalse(cli.isAlive());
        assertEquals(0, status[0]);
        assertThrows(java.io.UncheckedIOException.class, () -> Http.get(base + "/emulator/info"), "stopped");
    }

    @Test
    void runsTheVerificationHandshake() {
        receiver.answer(r -> r.query().contains("hub.verify_token=right") ? 200 : 403,
                r -> r.query().replaceAll(".*hub.challenge=([^&]*).*", "$1"));
        assertEquals(0, run(ENV, "verify", "--to", receiver.uri().toString(), "--verify-token", "right"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(verified)"));
        assertEquals(1, run(ENV, "verify", "--to", receiver.uri().toString(), "--verify-token", "wrong"));
    }
}
