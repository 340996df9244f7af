package io.messengerkit.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.graph.ConversationRouting;
import io.messengerkit.send.MessagingWindowPolicy;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.testkit.emulator.Conversation;
import io.messengerkit.testkit.junit.MessengerEmulatorExtension;
import io.messengerkit.webhook.EventHandler;
import io.messengerkit.webhook.HandoffSignal;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.event.WebhookEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bot built on the SDK steps back while a person answers from the Page inbox and speaks again once
 * the conversation is handed back: routing, standby delivery, the inbox echo and the window policy,
 * all over HTTP against the emulator.
 */
class HumanHandoffTest {
    @RegisterExtension
    final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();

    @Test
    void theBotIsSilentWhileAHumanAnswersAndSpeaksAgainAfterHandBack() {
        String appId = platform.emulator().appId();
        String pageId = platform.page().id();
        String psid = platform.customer().psid();
        Map<String, Boolean> withHuman = new ConcurrentHashMap<>();
        List<String> standby = new CopyOnWriteArrayList<>();
        MessagingWindowPolicy window = MessagingWindowPolicy.builder().build();
        PageMessenger messenger = window.guard(pageId, platform.pageMessenger());
        EventHandler<WebhookEvent> handoff = (event, ctx) -> HandoffSignal.of(event, appId)
                .ifPresent(s -> withHuman.put(s.pageId() + "/" + s.psid(), s.humanOrOtherAppInControl()));

        WebhookDispatcher bot = WebhookDispatcher.builder()
                .executor(ForkJoinPool.commonPool())
                .appId(appId)
                .messengers(id -> messenger)
                .onMessage((message, ctx) -> window.record(message))
                .onEcho(handoff)
                .onPassThreadControl(handoff)
                .onTakeThreadControl(handoff)
                .onStandby((event, ctx) -> {
                    window.record(event);
                    standby.add(event.getClass().getSimpleName());
                })
                .onMessage((message, ctx) -> {
                    if (withHuman.getOrDefault(ctx.pageId() + "/" + ctx.userId(), false)) {
                        return;
                    }
                    if ("human please".equals(message.text())) {
                        ctx.reply("Connecting you to a person");
                        platform.graphClient().routing().passThreadControl(platform.page().token(), ctx.userId(),
                                ConversationRouting.PAGE_INBOX_APP_ID, "asked for a human");
                        withHuman.put(ctx.pageId() + "/" + ctx.userId(), true);
                        return;
                    }
                    ctx.reply("Bot: " + message.text());
                })
                .build();
        platform.handleWebhooks(bot::dispatch);

        platform.customer().sends("hi");
        await(c -> c.replies().contains("Bot: hi"));
        platform.customer().sends("human please");
        await(c -> c.replies().contains("Connecting you to a person"));
        awaitTrue(() -> platform.emulator().threadOwner(pageId, psid).isPresent());
        assertEquals(ConversationRouting.PAGE_INBOX_APP_ID, platform.emulator().threadOwner(pageId, psid).orElseThrow());

        platform.customer().sends("is anyone there?");           // reaches the bot in standby only
        platform.emulator().pageInboxReplies(pageId, psid, "Hi, Sam from support here");
        platform.customer().sends("thanks Sam");
        platform.emulator().threadControlPassedBack(pageId, psid, "resolved");
        awaitTrue(() -> Boolean.FALSE.equals(withHuman.get(pageId + "/" + psid)));

        platform.customer().sends("one more thing");
        Conversation done = await(c -> c.replies().contains("Bot: one more thing"));
        assertEquals(List.of("Bot: hi", "Connecting you to a person", "Hi, Sam from support here",
                "Bot: one more thing"), done.replies());
        assertTrue(standby.size() >= 2, standby.toString());
    }

    private Conversation await(java.util.function.Predicate<Conversation> condition) {
        return platform.page().awaitConversation(platform.customer().psid(), condition, Duration.ofSeconds(10));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
