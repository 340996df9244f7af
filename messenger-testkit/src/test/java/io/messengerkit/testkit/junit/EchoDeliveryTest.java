package io.messengerkit.testkit.junit;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.send.Message;
import io.messengerkit.send.SendRequest;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.event.EchoEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EchoDeliveryTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create()
            .withEmulator(b -> b.deliverEchoes(true));

    @Test
    void echoesThePagesOwnSendsWithTheAppIdAndMetadataWhileHandlersIgnoreThem() throws Exception {
        BlockingQueue<EchoEvent> echoes = new LinkedBlockingQueue<>();
        WebhookDispatcher bot = WebhookDispatcher.builder()
                .appId(platform.config().appId())
                .executor(ForkJoinPool.commonPool())
                .messengers(pageId -> platform.pageMessenger())
                .onMessage((message, ctx) -> ctx.send(SendRequest.to(message.senderId(),
                        Message.text("Echo me").withMetadata("turn-1"))))
                .onEcho((echo, ctx) -> echoes.add(echo))
                .build();
        platform.handleWebhooks(bot::dispatch);

        platform.customer().sends("hello");

        EchoEvent echo = echoes.poll(10, TimeUnit.SECONDS);
        assertEquals("Echo me", echo.text());
        assertEquals("turn-1", echo.metadata());
        assertEquals(EchoEvent.Origin.THIS_APP, echo.origin(platform.config().appId()));
        assertEquals(platform.page().id(), echo.senderId());
        assertEquals(platform.customer().conversation().lastReply().orElseThrow().mid(), echo.mid());
        assertThat(platform.customer()).hasReplyCount(1);
        assertTrue(echoes.isEmpty(), "the bot did not answer its own echo");
    }
}
