package io.messengerkit.testkit.junit;

import static io.messengerkit.testkit.junit.MessengerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.testkit.emulator.RefusedSend;
import io.messengerkit.testkit.emulator.TranscriptEntry;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** Deliveries through the emulator's trigger count as the person's messages; others are told apart clearly. */
class TriggerThroughEmulatorTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();

    private final List<CompletableFuture<DispatchReport>> dispatched = new CopyOnWriteArrayList<>();

    private URI startBot() {
        WebhookDispatcher bot = WebhookDispatcher.builder()
                .executor(ForkJoinPool.commonPool())
                .messengers(pageId -> platform.pageMessenger())
                .onMessage((message, ctx) -> ctx.reply("You said: " + message.text()))
                .onError((event, error) -> { })
                .build();
        return platform.handleWebhooks(body -> dispatched.add(bot.dispatch(body)));
    }

    private WebhookPayload hi() {
        return WebhookPayload.of(TestEvent.text(platform.page().id(), platform.customer().psid(), "hi"));
    }

    private void awaitHandlers() throws Exception {
        for (CompletableFuture<DispatchReport> report : dispatched) {
            report.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aRedeliveredMessageJoinsTheTranscriptOnceAndOpensTheWindow() throws Exception {
        startBot();
        WebhookTrigger trigger = platform.trigger();

        List<WebhookDelivery> answers = trigger.sendDuplicated(hi(), 3);

        assertTrue(trigger.throughEmulator());
        assertTrue(answers.stream().allMatch(WebhookDelivery::accepted), answers.toString());
        assertThat(platform.customer()).replied("You said: hi").hasReplyCount(1);
        awaitHandlers();
        List<TranscriptEntry> inbound = platform.customer().conversation().entries().stream()
                .filter(e -> e.direction() == TranscriptEntry.Direction.INBOUND).toList();
        assertEquals(1, inbound.size(), inbound.toString());
        assertEquals(List.of(), platform.emulator().refusedSends());
    }

    @Test
    void reorderedDeliveriesAreRecordedInTheOrderThePersonWrote() {
        startBot();
        String page = platform.page().id();
        String psid = platform.customer().psid();

        platform.trigger().sendReordered(List.of(WebhookPayload.of(TestEvent.text(page, psid, "one")),
                WebhookPayload.of(TestEvent.text(page, psid, "two"))));

        assertThat(platform.customer()).hasReplyCount(2);
        assertEquals(List.of("one", "two"), platform.customer().conversation().entries().stream()
                .filter(e -> e.direction() == TranscriptEntry.Direction.INBOUND).map(TranscriptEntry::text).toList());
    }

    @Test
    void aFailedAssertionListsTheSendsTheEmulatorRefusedAndWhy() throws Exception {
        URI callback = startBot();
        // Around the emulator: it never hears of the message, so the 24-hour window stays closed.
        WebhookTrigger.to(callback, platform.emulator().appSecret()).send(hi());
        awaitHandlers();

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertThat(platform.customer()).within(Duration.ZERO).hasReplyCount(1));

        List<RefusedSend> refused = platform.page().refusedSends(platform.customer().psid());
        assertEquals(1, refused.size(), refused.toString());
        assertEquals(10, refused.get(0).error().code());
        assertEquals(2018278, refused.get(0).error().subcode());
        assertEquals(platform.page().id(), refused.get(0).pageId());
        String message = failure.getMessage();
        assertTrue(message.contains("is empty"), message);
        assertTrue(message.contains("the emulator refused 1 send to " + platform.customer().psid()), message);
        assertTrue(message.contains("text 'You said: hi' -> 400, code 10 subcode 2018278: (#10) This message is sent"
                + " outside of allowed window"), message);
        assertTrue(message.contains("WebhookTrigger.to(url, secret) go around it"), message);
    }

    @Test
    void aFailedAssertionSaysWhenNothingWasRefused() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertThat(platform.customer()).within(Duration.ZERO).replied("anything"));

        assertTrue(failure.getMessage().contains("and the emulator refused no send to " + platform.customer().psid()),
                failure.getMessage());
        assertFalse(failure.getMessage().contains("24-hour window"), failure.getMessage());
    }

    @Test
    void theTriggerNeedsACallbackAndPagesOfTheEmulator() {
        IllegalStateException noCallback = assertThrows(IllegalStateException.class, platform::trigger);
        assertTrue(noCallback.getMessage().contains("handleWebhooks"), noCallback.getMessage());

        startBot();
        WebhookPayload elsewhere = WebhookPayload.of(TestEvent.text("999", platform.customer().psid(), "hi"));
        IllegalArgumentException unknownPage = assertThrows(IllegalArgumentException.class,
                () -> platform.trigger().send(elsewhere));
        assertTrue(unknownPage.getMessage().contains("page 999 is not a page of this emulator"), unknownPage.getMessage());
    }
}
