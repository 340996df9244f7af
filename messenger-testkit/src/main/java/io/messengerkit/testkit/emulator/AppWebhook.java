package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.TranscriptEntry.Direction;
import io.messengerkit.testkit.emulator.TranscriptEntry.Kind;
import io.messengerkit.testkit.internal.WitnessedTriggers;
import io.messengerkit.testkit.json.MetaStyleJson;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * The app's webhook as the platform keeps it: the callback URL (verified with Meta's handshake or
 * not), and delivering to it what people do on pages and, when asked, the echoes of what pages send.
 * Events reach the callback only for fields the page subscribed the app to, unless the emulator was
 * built not to check. Posting happens outside every emulator lock.
 */
final class AppWebhook {
    private static final System.Logger LOG = System.getLogger(PlatformEmulator.class.getName());

    private final EmulatedApp app;
    private final World world;
    private final Transcripts transcripts;
    private final EmulatorServer server;
    private final boolean requirePageSubscription;
    private volatile URI callback;
    private volatile WebhookTrigger trigger;

    AppWebhook(EmulatedApp app, World world, Transcripts transcripts, EmulatorServer server,
            boolean requirePageSubscription) {
        this.app = app;
        this.world = world;
        this.transcripts = transcripts;
        this.server = server;
        this.requirePageSubscription = requirePageSubscription;
    }

    void callback(URI callbackUrl) {
        this.callback = Objects.requireNonNull(callbackUrl, "callbackUrl");
        this.trigger = WebhookTrigger.to(callbackUrl, app.secret()).withTimeout(Duration.ofSeconds(20));
    }

    URI callback() {
        return callback;
    }

    /** Sets the callback and runs the verification handshake; true when the app echoed the challenge. */
    boolean verifyAndSetCallback(URI callbackUrl, String verifyToken) {
        callback(callbackUrl);
        String challenge = Long.toString(1_000_000_000L + new SecureRandom().nextInt(1_000_000_000));
        WebhookDelivery answer = trigger.verify(verifyToken, challenge);
        return answer.status() == 200 && challenge.equals(answer.body());
    }

    /** See {@link PlatformEmulator#deliver(TestEvent)}. */
    InboundDelivery deliver(TestEvent event) {
        TestEvent stamped = event.withTimestamp(world.now().toEpochMilli());
        String field = witness(stamped);
        String pageId = stamped.pageId();
        WebhookTrigger current = trigger;
        if (current == null) {
            return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), false, 0,
                    "no webhook callback URL is configured");
        }
        Model.InstagramRecord ig = world.instagram(pageId);
        if (ig != null) {
            return deliverInstagram(current, ig, stamped, field);
        }
        if (requirePageSubscription && !world.subscribedFields(pageId).contains(field)) {
            return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), false, 0,
                    "the app is not subscribed to field " + field + " on page " + pageId);
        }
        // Conversation Routing: while another app controls the thread, this app gets the person's
        // events as a secondary receiver, in the entry's standby array.
        String owner = world.threadOwner(pageId, stamped.psid());
        boolean standby = owner != null && !owner.equals(app.id()) && stamped.eventKind().field().equals("message")
                || owner != null && !owner.equals(app.id()) && stamped.kind().equals("postback");
        WebhookPayload payload = standby ? WebhookPayload.of(stamped).asStandby() : WebhookPayload.of(stamped);
        WebhookDelivery answer = current.send(payload);
        return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), answer.accepted(), answer.status(),
                answer.accepted() ? "" : answer.body());
    }

    /** A trigger that tells this webhook of every payload before posting it to the callback. */
    /**
     * An Instagram delivery: {@code "object":"instagram"}, entry id the Instagram account id. Meta
     * sends it only while the connected Page is subscribed to the app (with any Page field: the
     * Instagram fields themselves are set on the app, not the Page).
     */
    private InboundDelivery deliverInstagram(WebhookTrigger current, Model.InstagramRecord ig, TestEvent event,
            String field) {
        if (requirePageSubscription && world.subscribedFields(ig.pageId).isEmpty()) {
            return new InboundDelivery(ig.id, event.psid(), event.mid(), false, 0, "page " + ig.pageId
                    + " (connected to Instagram account " + ig.id + ") is not subscribed to the app, so no "
                    + field + " webhooks for the Instagram account");
        }
        WebhookDelivery answer = current.send(WebhookPayload.of(event).asInstagram());
        return new InboundDelivery(ig.id, event.psid(), event.mid(), answer.accepted(), answer.status(),
                answer.accepted() ? "" : answer.body());
    }

    /**
     * Delivers an Instagram {@code comments} change for a comment, as Meta does while the connected
     * Page is subscribed to the app: {@code changes:[{field:"comments", value:{from, media, id, text}}]}.
     */
    InboundDelivery deliverComment(Model.InstagramRecord ig, Model.CommentRecord comment) {
        WebhookTrigger current = trigger;
        if (current == null) {
            return new InboundDelivery(ig.id, comment.authorId, null, false, 0, "no webhook callback URL is configured");
        }
        if (requirePageSubscription && world.subscribedFields(ig.pageId).isEmpty()) {
            return new InboundDelivery(ig.id, comment.authorId, null, false, 0, "page " + ig.pageId
                    + " (connected to Instagram account " + ig.id + ") is not subscribed to the app");
        }
        Map<String, Object> value = MetaStyleJson.object(
                "from", MetaStyleJson.object("id", comment.authorId, "username", "user" + comment.authorId),
                "media", MetaStyleJson.object("id", comment.mediaId, "media_product_type", "FEED"),
                "id", comment.id, "text", comment.text);
        Map<String, Object> body = MetaStyleJson.object("object", "instagram", "entry", List.of(MetaStyleJson.object(
                "id", ig.id, "time", world.now().getEpochSecond(),
                "changes", List.of(MetaStyleJson.object("field", "comments", "value", value)))));
        byte[] bytes = MetaStyleJson.string(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        WebhookDelivery answer = current.sendRaw(bytes, current.signer().signature256(bytes));
        return new InboundDelivery(ig.id, comment.authorId, null, answer.accepted(), answer.status(),
                answer.accepted() ? "" : answer.body());
    }

    WebhookTrigger witnessedTrigger() {
        URI current = callback;
        if (current == null) {
            throw new IllegalStateException("no webhook callback URL is set: call webhookCallback(url) (with the JUnit"
                    + " extension, handleWebhooks(...)) before trigger()");
        }
        return WitnessedTriggers.create(current, app.secret(), payload -> payload.events().forEach(this::witness));
    }

    /**
     * The platform sees what the person did: a message or postback opens the window and joins the transcript
     * (once per message id, however often it is delivered); other events make the person known to the page.
     *
     * @return the webhook field the event belongs to
     */
    private String witness(TestEvent event) {
        String pageId = event.pageId();
        if (world.page(pageId) == null && world.instagram(pageId) == null) {
            throw new IllegalArgumentException("page " + pageId + " is not a page of this emulator; create it with"
                    + " createPage(...), or post with WebhookTrigger.to(url, secret), which goes around the emulator");
        }
        Map<String, Object> item = event.toMap();
        String field = fieldOf(event);
        if (event.kind().equals("message") && !field.equals("message_echoes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) item.get("message");
            Object quick = message.get("quick_reply");
            recordInbound(pageId, event.psid(), Kind.MESSAGE, event.mid(), (String) message.get("text"),
                    quick instanceof Map<?, ?> q ? String.valueOf(q.get("payload")) : null);
        } else if (event.kind().equals("postback")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> postback = (Map<String, Object>) item.get("postback");
            recordInbound(pageId, event.psid(), Kind.POSTBACK, event.mid(), (String) postback.get("title"),
                    (String) postback.get("payload"));
        } else {
            world.personActed(pageId, event.psid(), false);
        }
        return field;
    }

    /** A message or postback opens the window and joins the transcript in one step, as a send sees them. */
    private void recordInbound(String pageId, String psid, Kind kind, String mid, String text, String payload) {
        synchronized (world) {
            world.personActed(pageId, psid, true);
            if (mid != null && transcripts.hasInbound(pageId, psid, mid)) {
                return;
            }
            transcripts.append(pageId, psid, sequence -> new TranscriptEntry(sequence, world.now(),
                    Direction.INBOUND, kind, mid, text, null, List.of(), null, payload, null, null, null));
        }
    }

    /**
     * Someone at the business answers in the Page inbox: the text joins the transcript and an echo
     * without {@code app_id} goes to the callback (when the page subscribed to message_echoes, or
     * subscriptions are not checked).
     */
    InboundDelivery pageInboxReply(String pageId, String psid, String text) {
        String mid = io.messengerkit.testkit.trigger.TestEvent.newMid();
        synchronized (world) {
            if (world.customer(pageId, psid) == null) {
                throw new IllegalArgumentException("person " + psid + " never wrote to page " + pageId);
            }
            transcripts.append(pageId, psid, sequence -> new TranscriptEntry(sequence, world.now(),
                    Direction.OUTBOUND, Kind.MESSAGE, mid, text, null, List.of(), null, null, null, null, null));
        }
        TestEvent echo = TestEvent.echo(pageId, psid, text, null).withMid(mid).withTimestamp(world.now().toEpochMilli());
        return post(echo, "message_echoes", false);
    }

    /** Posts a handover event to the callback (subscription field messaging_handovers). */
    InboundDelivery control(TestEvent event) {
        return post(event.withTimestamp(world.now().toEpochMilli()), "messaging_handovers", false);
    }

    private InboundDelivery post(TestEvent event, String field, boolean standby) {
        WebhookTrigger current = trigger;
        if (current == null) {
            return new InboundDelivery(event.pageId(), event.psid(), event.mid(), false, 0,
                    "no webhook callback URL is configured");
        }
        if (requirePageSubscription && !world.subscribedFields(event.pageId()).contains(field)) {
            return new InboundDelivery(event.pageId(), event.psid(), event.mid(), false, 0,
                    "the app is not subscribed to field " + field + " on page " + event.pageId());
        }
        WebhookPayload payload = standby ? WebhookPayload.of(event).asStandby() : WebhookPayload.of(event);
        WebhookDelivery answer = current.send(payload);
        return new InboundDelivery(event.pageId(), event.psid(), event.mid(), answer.accepted(), answer.status(),
                answer.accepted() ? "" : answer.body());
    }

    /** Posts the echo of a text the page sent on another thread: the Send API calls this holding the world lock. */
    void echoLater(SendApiArea.SentText sent) {
        try {
            server.execute(() -> echo(sent));
        } catch (RejectedExecutionException closing) {
            LOG.log(System.Logger.Level.DEBUG, "emulator closing; echo not delivered");
        }
    }

    private void echo(SendApiArea.SentText sent) {
        WebhookTrigger current = trigger;
        Model.InstagramRecord ig = world.instagram(sent.pageId());
        if (ig != null) {
            // Instagram echoes come with the messages field; the Page only needs to be subscribed.
            if (current != null && (!requirePageSubscription || !world.subscribedFields(ig.pageId).isEmpty())) {
                TestEvent echo = TestEvent.echo(ig.id, sent.psid(), sent.text(), app.id()).withMid(sent.mid())
                        .withTimestamp(world.now().toEpochMilli());
                current.send(WebhookPayload.of(echo).asInstagram());
            }
            return;
        }
        if (current == null || (requirePageSubscription
                && !world.subscribedFields(sent.pageId()).contains("message_echoes"))) {
            return;
        }
        TestEvent echo = TestEvent.echo(sent.pageId(), sent.psid(), sent.text(), app.id())
                .withMid(sent.mid()).withTimestamp(world.now().toEpochMilli());
        if (sent.metadata() != null) {
            echo = echo.withMetadata(sent.metadata());
        }
        WebhookDelivery answer = current.send(WebhookPayload.of(echo));
        if (!answer.accepted()) {
            LOG.log(System.Logger.Level.DEBUG, "echo delivery answered " + answer.status());
        }
    }

    /** The webhook field an event belongs to, which the page must have subscribed the app to. */
    private static String fieldOf(TestEvent event) {
        String field = event.eventKind().subscriptionField();
        return field == null ? "messages" : field;
    }
}
