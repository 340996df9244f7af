package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventKindTest {
    /** The Messenger webhook fields a page can be subscribed to. */
    private static final Set<String> MESSENGER_FIELDS = Set.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "message_reactions", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby", "messaging_policy_enforcement", "message_edits",
            "messaging_account_linking", "messaging_feedback");

    private static WebhookEvent parseItem(String key, String body) {
        String json = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":["
                + "{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":2,\"" + key + "\":" + body + "}]}]}";
        return WebhookParser.create().parse(json.getBytes(StandardCharsets.UTF_8)).entries().get(0).events().get(0);
    }

    @Test
    void everyEventRecordHasExactlyOneKind() {
        Class<?>[] records = WebhookEvent.class.getPermittedSubclasses();
        assertEquals(records.length, EventKind.values().length);
        for (Class<?> type : records) {
            EventKind kind = EventKind.ofType(type);
            assertNotNull(kind, type.getSimpleName());
            assertSame(type, kind.eventType());
        }
        assertNull(EventKind.ofType(WebhookEvent.class));
    }

    @Test
    void everyKindWithAKeyIsParsedFromThatKeyIntoItsRecord() {
        for (EventKind kind : EventKind.values()) {
            if (kind.field() == null) {
                continue;
            }
            String body = kind == EventKind.ECHO ? "{\"is_echo\":true,\"mid\":\"m_1\"}" : "{}";
            WebhookEvent event = parseItem(kind.field(), body);
            assertSame(kind, EventKind.of(event), kind + " from " + event);
            assertEquals("u1", event.senderId());
            assertEquals(2, event.timestamp());
        }
        assertTrue(parseItem("policy_enforcement", "{\"action\":\"block\"}") instanceof PolicyEnforcementEvent,
                "Meta's underscore spelling is read too");
    }

    @Test
    void keysThatNoKindReadsBecomeUnknownAndBrokenBodiesUnparseable() {
        assertSame(EventKind.UNKNOWN, EventKind.of(parseItem("game_play", "{}")));
        assertSame(EventKind.UNPARSEABLE, EventKind.of(parseItem("read", "[]")));
        assertNull(EventKind.UNKNOWN.field());
        assertNull(EventKind.UNPARSEABLE.subscriptionField());
    }

    @Test
    void subscriptionFieldsAreMessengerWebhookFields() {
        Set<String> used = Arrays.stream(EventKind.values()).map(EventKind::subscriptionField)
                .filter(f -> f != null).collect(Collectors.toSet());
        assertTrue(MESSENGER_FIELDS.containsAll(used), used.toString());
        assertEquals("messages", EventKind.MESSAGE.subscriptionField());
        assertEquals("message_echoes", EventKind.ECHO.subscriptionField());
        assertEquals(EventKind.MESSAGE.field(), EventKind.ECHO.field(), "echoes arrive as messages");
    }

    @Test
    void unparseableEventsCannotBeGivenToHandlers() {
        Executor direct = Runnable::run;
        WebhookDispatcher.Builder builder = WebhookDispatcher.builder().executor(direct);
        assertThrows(IllegalArgumentException.class, () -> builder.on(UnparseableEvent.class, (e, ctx) -> { }));
        assertThrows(IllegalArgumentException.class, () -> builder.on(WebhookEvent.class, (e, ctx) -> { }));
    }
}
