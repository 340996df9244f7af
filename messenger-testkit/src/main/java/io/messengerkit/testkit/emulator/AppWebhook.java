package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.TranscriptEntry.Direction;
import io.messengerkit.testkit.emulator.TranscriptEntry.Kind;
import io.messengerkit.testkit.trigger.WebhookDelivery;
import io.messengerkit.testkit.trigger.WebhookEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
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
    private final Executor executor;
    private final boolean requirePageSubscription;
    private volatile URI callback;
    private volatile WebhookTrigger trigger;

    AppWebhook(EmulatedApp app, World world, Transcripts transcripts, Executor executor,
            boolean requirePageSubscription) {
        this.app = app;
        this.world = world;
        this.transcripts = transcripts;
        this.executor = executor;
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

    /** See {@link PlatformEmulator#deliver(WebhookEvent)}. */
    InboundDelivery deliver(WebhookEvent event) {
        String pageId = event.pageId();
        if (world.page(pageId) == null) {
            throw new IllegalArgumentException("no such page: " + pageId);
        }
        WebhookEvent stamped = event.withTimestamp(world.now().toEpochMilli());
        Map<String, Object> item = stamped.toMap();
        String field = fieldOf(stamped);
        if (stamped.kind().equals("message") && !field.equals("message_echoes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> message = (Map<String, Object>) item.get("message");
            Object quick = message.get("quick_reply");
            recordInbound(pageId, stamped.psid(), Kind.MESSAGE, stamped.mid(), (String) message.get("text"),
                    quick instanceof Map<?, ?> q ? String.valueOf(q.get("payload")) : null);
        } else if (stamped.kind().equals("postback")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> postback = (Map<String, Object>) item.get("postback");
            recordInbound(pageId, stamped.psid(), Kind.POSTBACK, stamped.mid(), (String) postback.get("title"),
                    (String) postback.get("payload"));
        } else {
            world.personActed(pageId, stamped.psid(), false);
        }
        WebhookTrigger current = trigger;
        if (current == null) {
            return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), false, 0,
                    "no webhook callback URL is configured");
        }
        if (requirePageSubscription && !world.subscribedFields(pageId).contains(field)) {
            return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), false, 0,
                    "the app is not subscribed to field " + field + " on page " + pageId);
        }
        WebhookDelivery answer = current.send(WebhookPayload.of(stamped));
        return new InboundDelivery(pageId, stamped.psid(), stamped.mid(), answer.accepted(), answer.status(),
                answer.accepted() ? "" : answer.body());
    }

    /** A message or postback opens the window and joins the transcript in one step, as a send sees them. */
    private void recordInbound(String pageId, String psid, Kind kind, String mid, String text, String payload) {
        synchronized (world) {
            world.personActed(pageId, psid, true);
            transcripts.append(pageId, psid, sequence -> new TranscriptEntry(sequence, world.now(),
                    Direction.INBOUND, kind, mid, text, null, List.of(), null, payload, null, null, null));
        }
    }

    /** Posts the echo of a text the page sent on another thread: the Send API calls this holding the world lock. */
    void echoLater(SendApiArea.SentText sent) {
        try {
            executor.execute(() -> echo(sent));
        } catch (RejectedExecutionException closing) {
            LOG.log(System.Logger.Level.DEBUG, "emulator closing; echo not delivered");
        }
    }

    private void echo(SendApiArea.SentText sent) {
        WebhookTrigger current = trigger;
        if (current == null || (requirePageSubscription
                && !world.subscribedFields(sent.pageId()).contains("message_echoes"))) {
            return;
        }
        WebhookEvent echo = WebhookEvent.echo(sent.pageId(), sent.psid(), sent.text(), app.id())
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
    private static String fieldOf(WebhookEvent event) {
        String field = event.eventKind().subscriptionField();
        return field == null ? "messages" : field;
    }
}
