package io.messengerkit.testkit.docs;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;

import io.messengerkit.testkit.junit.MessengerEmulatorExtension;
import io.messengerkit.webhook.WebhookDispatcher;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The handler test shown in docs/testing.md, kept here so it compiles and runs. */
class GreeterTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();

    @Test
    void greetsWithATypingIndicatorFirst() {
        WebhookDispatcher bot = WebhookDispatcher.builder()
                .executor(ForkJoinPool.commonPool())
                .messengers(pageId -> platform.pageMessenger())
                .onMessage((message, ctx) -> {
                    ctx.typingOn();
                    ctx.reply("Hi! You said: " + message.text());
                })
                .build();
        platform.handleWebhooks(bot::dispatch);

        platform.customer().sends("hello");

        assertThat(platform.customer())
                .replied("Hi! You said: hello")
                .sentBefore("typing_on", "Hi! You said: hello");
    }
}
