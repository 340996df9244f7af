package io.messengerkit.testkit.junit;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.graph.GraphClient;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.SenderAction;
import io.messengerkit.testkit.emulator.InboundDelivery;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.event.MessageEvent;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

class MessengerEmulatorExtensionTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create().withEmulator(b -> b.pageSize(5));

    /** A tiny bot: shows typing, then echoes, asynchronously like a real dispatcher would. */
    private void startEchoBot() {
        PageMessenger page = platform.pageMessenger();
        platform.handleWebhooks(body -> {
            for (var event : WebhookParser.create().parse(body).events()) {
                if (event instanceof MessageEvent message) {
                    CompletableFuture.runAsync(() -> {
                        page.senderAction(message.senderId(), SenderAction.TYPING_ON);
                        page.sendText(message.senderId(), "You said: " + message.text());
                    });
                }
            }
        });
    }

    @Test
    void aCustomersMessageReachesTheHandlerSignedAndTheReplyIsRecorded() {
        startEchoBot();
        InboundDelivery delivery = platform.customer().sends("hello \u00e9t\u00e9");
        assertTrue(delivery.delivered(), delivery.detail());
        assertThat(platform.customer())
                .replied("You said: hello \u00e9t\u00e9")
                .sentBefore("typing_on", "You said: hello \u00e9t\u00e9")
                .hasReplyCount(1);
        assertThat(platform.page()).repliedTo(platform.customer().psid(), "You said: hello \u00e9t\u00e9");
    }

    @Test
    void failingAssertionsPrintTheTranscript() {
        startEchoBot();
        platform.customer().sends("ping");
        assertThat(platform.customer()).replied("You said: ping");
        AssertionFailedError wrongText = assertThrows(AssertionFailedError.class,
                () -> assertThat(platform.customer()).within(Duration.ofMillis(50)).replied("pong"));
        assertTrue(wrongText.getMessage().contains("user> 'ping'"), wrongText.getMessage());
        assertTrue(wrongText.getMessage().contains("page> 'You said: ping'"), wrongText.getMessage());
        assertThrows(AssertionFailedError.class, () -> assertThat(platform.customer()).sentNothing());
        assertThrows(AssertionFailedError.class,
                () -> assertThat(platform.customer()).sentBefore("mark_seen", "You said: ping"));
        assertThrows(AssertionFailedError.class,
                () -> assertThat(platform.customer()).within(Duration.ofMillis(50)).repliedExactly("a", "b"));
    }

    @Test
    void rejectsForgedDeliveriesBeforeTheHandlerSeesThem() {
        int[] handled = {0};
        URI callback = platform.handleWebhooks(body -> handled[0]++);
        WebhookTrigger forger = WebhookTrigger.to(callback, io.messengerkit.AppSecret.of("not-the-app-secret"));
        WebhookDelivery forged = forger.send(WebhookPayload.of(
                TestEvent.text(platform.page().id(), platform.customer().psid(), "forged")));
        assertEquals(403, forged.status());
        assertEquals(0, handled[0]);
        assertTrue(platform.emulator().verifyAndSetWebhookCallback(callback, MessengerEmulatorExtension.VERIFY_TOKEN));
        assertFalse(platform.emulator().verifyAndSetWebhookCallback(callback, "wrong-token"));
        platform.customer().sends("genuine");
        assertEquals(1, handled[0]);
    }

    @Test
    void injectsTheWiredClientsAsParameters(PlatformEmulator emulator, GraphClient graph, TestCustomer customer) {
        assertEquals(emulator.baseUrl(), graph.config().baseUrl().toString());
        assertEquals(emulator.appId(), graph.config().appId());
        customer.sends("window open");
        platform.pageMessenger().sendText(customer.psid(), "direct");
        assertThat(customer).repliedExactly("direct");
        platform.pageMessenger().senderAction(customer.psid(), SenderAction.MARK_SEEN);
        assertThat(customer).sentAction("mark_seen");
    }
}
