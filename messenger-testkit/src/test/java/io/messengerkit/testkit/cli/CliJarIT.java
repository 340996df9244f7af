package io.messengerkit.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.support.WebhookReceiver;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the packaged {@code -cli.jar} the way a user would, against a local receiver. */
class CliJarIT {

    @Test
    void packagedJarTriggersASignedMessageAtACallback() throws Exception {
        Path jar = Path.of(System.getProperty("testkit.cli.dir"), System.getProperty("testkit.cli.name"));
        assertTrue(jar.toFile().isFile(), "missing " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "trigger", "message",
                    "--to", receiver.uri().toString(), "--page", "111", "--page", "222", "--psid", "333",
                    "--text", "hi from the jar"))
                    .redirectErrorStream(true);
            builder.environment().put("MESSENGER_APP_SECRET", "cli-test-secret");
            builder.redirectOutput(File.createTempFile("cli", ".log"));
            Process process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the CLI did not finish");
            assertEquals(0, process.exitValue());

            WebhookReceiver.Received received = receiver.take();
            String body = new String(received.body(), StandardCharsets.US_ASCII);
            assertTrue(body.contains("\"text\":\"hi from the jar\""), body);
            assertTrue(body.contains("{\"id\":\"111\"") && body.contains("{\"id\":\"222\""), body);
            assertEquals("sha256=" + AppSecret.of("cli-test-secret").hmacSha256Hex(received.body()),
                    received.header("X-Hub-Signature-256"));
        }
    }
}
