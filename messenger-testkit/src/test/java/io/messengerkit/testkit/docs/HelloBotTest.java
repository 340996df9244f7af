package io.messengerkit.testkit.docs;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.junit.MessengerEmulatorExtension;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test shown in docs/getting-started.md: the first bot, end to end over HTTP against the emulator. */
class HelloBotTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();

    @Test
    void answersACustomerWithATypingIndicatorFirst() throws Exception {
        try (HelloBot bot = new HelloBot(platform.config(), platform.page().token(),
                new InetSocketAddress("127.0.0.1", 0))) {
            // What the App Dashboard does when the callback URL is saved: the verify-token handshake.
            assertTrue(platform.emulator().verifyAndSetWebhookCallback(bot.webhookUrl(),
                    MessengerEmulatorExtension.VERIFY_TOKEN));

            platform.customer().sends("hi");

            assertThat(platform.customer())
                    .replied("Hello! You said: hi")
                    .sentBefore("typing_on", "Hello! You said: hi");
        }
    }

    @Test
    void rejectsDeliveriesSignedWithAnotherSecret() throws Exception {
        try (HelloBot bot = new HelloBot(platform.config(), platform.page().token(),
                new InetSocketAddress("127.0.0.1", 0))) {
            WebhookTrigger forger = WebhookTrigger.to(bot.webhookUrl(), AppSecret.of("not-the-app-secret"));

            int status = forger.send(WebhookPayload.of(
                    TestEvent.text(platform.page().id(), platform.customer().psid(), "hi"))).status();

            assertEquals(403, status);
            assertThat(platform.customer()).sentNothing();
        }
    }
}
