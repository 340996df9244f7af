package io.messengerkit.testkit.trigger;

import io.messengerkit.webhook.EventKind;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of a webhook entry's {@code messaging} array, shaped as Meta sends it: {@code sender},
 * {@code recipient}, {@code timestamp} (epoch milliseconds) and the event's own key, which comes from
 * the SDK's {@link EventKind} table, as the parser reads it.
 *
 * <p>Instances are immutable; {@code with...} methods return changed copies. Group events into a
 * delivery with {@link WebhookPayload}.
 */
public final class TestEvent {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String pageId;
    private final String psid;
    private final EventKind kind;
    private final long timestamp;
    private final Map<String, Object> body;

    private TestEvent(String pageId, String psid, EventKind kind, long timestamp, Map<String, Object> body) {
        this.pageId = requireId(pageId, "page id");
        this.psid = requireId(psid, "psid");
        this.kind = kind;
        this.timestamp = timestamp;
        this.body = body;
    }

    private static String requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return id;
    }

    /** A fresh message id in Meta's current {@code m_...} form. */
    public static String newMid() {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        return "m_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** A person writes a text to the page. */
    public static TestEvent text(String pageId, String psid, String text) {
        Objects.requireNonNull(text, "text");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("mid", newMid());
        message.put("text", text);
        return new TestEvent(pageId, psid, EventKind.MESSAGE, now(), message);
    }

    /** A person taps a quick reply: a message with {@code quick_reply.payload}, not a postback. */
    public static TestEvent quickReply(String pageId, String psid, String title, String payload) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("mid", newMid());
        message.put("text", Objects.requireNonNull(title, "title"));
        message.put("quick_reply", Map.of("payload", Objects.requireNonNull(payload, "payload")));
        return new TestEvent(pageId, psid, EventKind.MESSAGE, now(), message);
    }

    /** A person sends an attachment (type {@code image}, {@code sticker}, {@code file}...) by URL. */
    public static TestEvent attachment(String pageId, String psid, String type, String url) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("mid", newMid());
        message.put("attachments", List.of(Map.of("type", type, "payload", Map.of("url", url))));
        return new TestEvent(pageId, psid, EventKind.MESSAGE, now(), message);
    }

    /** A person taps a postback button (or Get Started). */
    public static TestEvent postback(String pageId, String psid, String title, String payload) {
        Map<String, Object> postback = new LinkedHashMap<>();
        postback.put("mid", newMid());
        postback.put("title", Objects.requireNonNull(title, "title"));
        postback.put("payload", Objects.requireNonNull(payload, "payload"));
        return new TestEvent(pageId, psid, EventKind.POSTBACK, now(), postback);
    }

    /**
     * A person reacts to (or removes a reaction from) a message.
     *
     * @param reaction {@code smile}, {@code angry}, {@code sad}, {@code wow}, {@code love},
     *     {@code like}, {@code dislike} or {@code other}
     * @param emoji the emoji itself
     * @param react true for {@code react}, false for {@code unreact}
     */
    public static TestEvent reaction(String pageId, String psid, String mid, String reaction, String emoji,
            boolean react) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reaction", reaction);
        body.put("emoji", emoji);
        body.put("action", react ? "react" : "unreact");
        body.put("mid", Objects.requireNonNull(mid, "mid"));
        return new TestEvent(pageId, psid, EventKind.REACTION, now(), body);
    }

    /** A person read every message up to {@code watermark} (epoch ms). */
    public static TestEvent read(String pageId, String psid, long watermark) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("watermark", watermark));
        return new TestEvent(pageId, psid, EventKind.READ, now(), body);
    }

    /** Messages were delivered to the person's device. */
    public static TestEvent delivery(String pageId, String psid, List<String> mids, long watermark) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mids", List.copyOf(mids));
        body.put("watermark", watermark);
        return new TestEvent(pageId, psid, EventKind.DELIVERY, now(), body);
    }

    /**
     * The echo of a message the page sent: sender is the page, recipient the person.
     *
     * @param appId the app that sent it; null when a person typed it in the Page inbox
     */
    public static TestEvent echo(String pageId, String psid, String text, String appId) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("is_echo", true);
        if (appId != null) {
            message.put("app_id", Long.parseLong(appId));
        }
        message.put("mid", newMid());
        message.put("text", Objects.requireNonNull(text, "text"));
        return new TestEvent(pageId, psid, EventKind.ECHO, now(), message);
    }

    /**
     * Control of the conversation was passed to {@code newOwnerAppId} (Conversation Routing); the
     * new owner receives this event.
     *
     * @param previousOwnerAppId the app that passed it, or null
     * @param metadata the passing app's note, or null
     */
    public static TestEvent passThreadControl(String pageId, String psid, String newOwnerAppId,
            String previousOwnerAppId, String metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("new_owner_app_id", Long.parseLong(Objects.requireNonNull(newOwnerAppId, "newOwnerAppId")));
        if (previousOwnerAppId != null) {
            body.put("previous_owner_app_id", Long.parseLong(previousOwnerAppId));
        }
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return new TestEvent(pageId, psid, EventKind.PASS_THREAD_CONTROL, now(), body);
    }

    /**
     * Another app took control of the conversation; the app that lost it receives this event.
     *
     * @param previousOwnerAppId the app that lost control
     * @param newOwnerAppId the app that took it
     * @param metadata the taking app's note, or null
     */
    public static TestEvent takeThreadControl(String pageId, String psid, String previousOwnerAppId,
            String newOwnerAppId, String metadata) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("previous_owner_app_id", Long.parseLong(Objects.requireNonNull(previousOwnerAppId, "previousOwnerAppId")));
        body.put("new_owner_app_id", Long.parseLong(Objects.requireNonNull(newOwnerAppId, "newOwnerAppId")));
        if (metadata != null) {
            body.put("metadata", metadata);
        }
        return new TestEvent(pageId, psid, EventKind.TAKE_THREAD_CONTROL, now(), body);
    }

    /** A copy carrying {@code metadata} in its message (as echoes repeat the metadata given on send). */
    public TestEvent withMetadata(String metadata) {
        if (!EventKind.MESSAGE.field().equals(kind.field())) {
            throw new IllegalStateException("only message events carry metadata");
        }
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("metadata", Objects.requireNonNull(metadata, "metadata"));
        return new TestEvent(pageId, psid, kind, timestamp, copy);
    }

    /** A copy with another timestamp (epoch milliseconds). */
    public TestEvent withTimestamp(long epochMillis) {
        return new TestEvent(pageId, psid, kind, epochMillis, body);
    }

    /** A copy with another message id (for message, postback and reaction events). */
    public TestEvent withMid(String mid) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put("mid", Objects.requireNonNull(mid, "mid"));
        return new TestEvent(pageId, psid, kind, timestamp, copy);
    }

    /** The page the event belongs to (the entry id). */
    public String pageId() {
        return pageId;
    }

    /** The person's page-scoped id. */
    public String psid() {
        return psid;
    }

    /**
     * The event key: {@code message} (echoes too), {@code postback}, {@code reaction}, {@code read},
     * {@code delivery}; the same as {@code eventKind().field()}.
     */
    public String kind() {
        return kind.field();
    }

    /** The kind of event, as the SDK's parser will read it ({@link EventKind#ECHO} for an echo). */
    public EventKind eventKind() {
        return kind;
    }

    /** Epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The message id, or null when the event has none (read, delivery). */
    public String mid() {
        Object mid = body.get("mid");
        return mid == null ? null : mid.toString();
    }

    /** The {@code messaging} item as an ordered map, as {@link WebhookPayload#toBytes()} writes it. */
    public Map<String, Object> toMap() {
        // An echo is the page's own message: the page sends, the person receives.
        boolean fromPage = kind == EventKind.ECHO;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sender", Map.of("id", fromPage ? pageId : psid));
        item.put("recipient", Map.of("id", fromPage ? psid : pageId));
        item.put("timestamp", timestamp);
        item.put(kind.field(), body);
        return item;
    }

    @Override
    public String toString() {
        return "TestEvent[" + kind() + " page=" + pageId + " psid=" + psid + "]";
    }
}
