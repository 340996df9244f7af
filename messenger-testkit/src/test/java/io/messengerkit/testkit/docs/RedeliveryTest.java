package io.messengerkit.testkit.docs;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;

import io.messengerkit.testkit.junit.MessengerEmulatorExtension;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.webhook.WebhookDispatcher;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The redelivery recipe of docs/testing.md and docs/handlers.md, line for line. */
class RedeliveryTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();

    WebhookPayload payload;

    @BeforeEach
    void handleWebhooksWithTheBot() {
        WebhookDispatcher bot = WebhookDispatcher.builder()
                .executor(ForkJoinPool.commonPool())
                .messengers(pageId -> platform.pageMessenger())
                .onMessage((message, ctx) -> ctx.reply("You said: " + message.text()))
                .build();
        platform.handleWebhooks(bot::dispatch);
        payload = WebhookPayload.of(TestEvent.text(platform.page().id(), platform.customer().psid(), "hi"));
    }

    @Test
    void answersAMessageDeliveredThreeTimesOnce() {
        platform.trigger().sendDuplicated(payload, 3);

        assertThat(platform.customer()).hasReplyCount(1);
    }

    @Test
    void answersAMessageDeliveredFourTimesAtOnceOnce() {
        platform.trigger().sendConcurrently(payload, 4);

        assertThat(platform.customer()).hasReplyCount(1);
    }
}
