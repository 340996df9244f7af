package io.messengerkit.jakarta.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.persistence.EventQueue.NewEvent;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.webhook.EventKind;
import io.messengerkit.webhook.WebhookBatch;
import io.messengerkit.webhook.WebhookEntry;
import io.messengerkit.webhook.WebhookParseException;
import io.messengerkit.webhook.WebhookParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a stored delivery into one queued event per item of its entries ({@code messaging[]},
 * {@code standby[]}, {@code changes[]}), each stored as a one-event delivery with the entry it came
 * in, keyed by conversation: the entry id (the Page or Instagram account) and the person (the
 * sender, or the recipient when the account itself sent it, as in echoes).
 *
 * <p>An event's key is its message id where it has one, else a digest of the event; a redelivered
 * event has the same key and is stored once. Events older than the replay window (Meta's timestamp
 * before now minus {@code MESSENGER_EVENT_RETENTION}) are acknowledged and ignored: their keys may
 * have been forgotten, so handling them could answer twice.
 */
public final class EventSplitter implements DeliveryProcessor {
    private static final System.Logger LOG = System.getLogger(EventSplitter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARRAYS = List.of("messaging", "standby", "changes");
    private static final int MAX_KEY = 255;

    private final EventQueue queue;
    private final Clock clock;
    private final Duration replayWindow;
    private final Runnable wakeWorker;
    private final WebhookParser parser;
    private final MessengerMetrics metrics;

    /**
     * A splitter storing into {@code queue}, with the SDK parser's default caps and no metrics.
     *
     * @param queue the event queue
     * @param clock the time source
     * @param replayWindow events older than this are ignored
     * @param wakeWorker asks the event worker to poll now; must not block
     */
    public EventSplitter(EventQueue queue, Clock clock, Duration replayWindow, Runnable wakeWorker) {
        this(queue, clock, replayWindow, wakeWorker, WebhookParser.create(), null);
    }

    /**
     * A splitter storing into {@code queue}.
     *
     * @param queue the event queue
     * @param clock the time source
     * @param replayWindow events older than this are ignored
     * @param wakeWorker asks the event worker to poll now; must not block
     * @param parser checks a delivery against its caps (events, array elements, nesting) before it is split
     * @param metrics told of every redelivered event dropped, or null
     */
    public EventSplitter(EventQueue queue, Clock clock, Duration replayWindow, Runnable wakeWorker,
            WebhookParser parser, MessengerMetrics metrics) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.metrics = metrics;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.replayWindow = Objects.requireNonNull(replayWindow, "replayWindow");
        this.wakeWorker = Objects.requireNonNull(wakeWorker, "wakeWorker");
    }

    @Override
    public CompletionStage<Void> process(byte[] body) {
        try {
            accept(body);
        } catch (RuntimeException e) {
            // A PermanentDeliveryFailure among them: the inbox worker then keeps the delivery as failed.
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Queues the events of a delivery now, in the caller's thread, one transaction per event.
     *
     * @param body the delivery
     * @return how many events were new
     * @throws PermanentDeliveryFailure when the body is not a webhook delivery
     */
    public int accept(byte[] body) {
        List<NewEvent> duplicates = new ArrayList<>(0);
        int added = queue.enqueue(eventsOf(body), duplicates::add);
        stored(added, duplicates);
        return added;
    }

    /**
     * The events of a delivery to queue: checked against the parser's caps, split, and without those
     * older than the replay window.
     *
     * @param body the delivery
     * @return its events, in the order they appear
     * @throws PermanentDeliveryFailure when the body is not a webhook delivery
     */
    public List<NewEvent> eventsOf(byte[] body) {
        try {
            // The SDK parser streams and stops at its caps, at a cost bounded by them: a signed body of millions of
            // tiny elements is refused here instead of being built into a tree and queued event by event.
            parser.parse(body);
        } catch (WebhookParseException e) {
            throw new PermanentDeliveryFailure("body is not a usable webhook delivery: " + e.getMessage());
        }
        List<NewEvent> events;
        try {
            events = split(body);
        } catch (IOException | RuntimeException e) {
            throw new PermanentDeliveryFailure("body is not a webhook delivery");
        }
        long oldest = clock.instant().minus(replayWindow).toEpochMilli();
        List<NewEvent> fresh = events.stream().filter(e -> e.metaTime() == 0 || e.metaTime() >= oldest).toList();
        if (fresh.size() < events.size()) {
            LOG.log(System.Logger.Level.INFO, "Ignored {0} event(s) older than the replay window",
                    events.size() - fresh.size());
        }
        return fresh;
    }

    /**
     * Follows up on events just stored: counts the redeliveries dropped and wakes the event worker when
     * there is something new.
     *
     * @param added how many events were new
     * @param duplicates the events that were stored already
     */
    public void stored(int added, List<NewEvent> duplicates) {
        duplicates.forEach(this::duplicateDropped);
        if (added > 0) {
            wakeWorker.run();
        }
    }

    EventQueue queue() {
        return queue;
    }

    private void duplicateDropped(NewEvent event) {
        if (metrics == null) {
            return;
        }
        try {
            WebhookBatch one = parser.parse(event.body());
            for (var item : one.events()) {
                metrics.duplicateDropped(EventKind.of(item).name().toLowerCase(Locale.ROOT));
            }
        } catch (RuntimeException e) {
            // Metrics never fail a delivery.
        }
    }

    /**
     * The events of a delivery, in the order they appear.
     *
     * @param body the delivery
     * @return its events
     * @throws IOException when it is not JSON
     */
    static List<NewEvent> split(byte[] body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("not a JSON object");
        }
        String object = root.path("object").asText("");
        List<NewEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String account = entry.path("id").asText("");
            long entryTime = entry.path("time").asLong(0);
            for (String array : ARRAYS) {
                for (JsonNode item : entry.path(array)) {
                    events.add(event(object, entry, account, entryTime, array, item));
                }
            }
        }
        return events;
    }

    private static NewEvent event(String object, JsonNode entry, String account, long entryTime, String array,
            JsonNode item) {
        ObjectNode one = JSON.createObjectNode();
        one.put("object", object);
        ObjectNode oneEntry = one.putArray("entry").addObject();
        Iterator<String> names = entry.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ARRAYS.contains(name)) {
                oneEntry.set(name, entry.get(name));
            }
        }
        ArrayNode items = oneEntry.putArray(array);
        items.add(item);
        String person = "changes".equals(array) ? "-"
                : personOf(account, text(item.path("sender"), "id", text(item.path("sender"), "user_ref", null)),
                        text(item.path("recipient"), "id", null));
        // Messaging items carry their own timestamp in ms; changes[] only the entry's time, in seconds.
        long time = item.path("timestamp").asLong(WebhookEntry.epochMillis(entryTime));
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(one);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new NewEvent(key(object, account, array, item), account, person, time, bytes);
    }

    /**
     * The person of an event: the sender, or the recipient when the account itself sent it (echoes).
     *
     * @param account the entry id
     * @param sender the sender id (or user_ref), may be null
     * @param recipient the recipient id, may be null
     * @return the person's id, {@code -} when there is none
     */
    static String personOf(String account, String sender, String recipient) {
        String person = sender != null && sender.equals(account) && recipient != null ? recipient : sender;
        return person == null || person.isEmpty() ? "-" : cut(person);
    }

    private static String key(String object, String account, String array, JsonNode item) {
        String prefix = "standby".equals(array) ? "s" : "";
        JsonNode message = item.path("message");
        if (message.hasNonNull("mid")) {
            String kind = message.path("is_echo").asBoolean(false) ? "e:" : "m:";
            String key = prefix + kind + message.get("mid").asText();
            if (key.length() <= MAX_KEY) {
                return key;
            }
        }
        JsonNode postback = item.path("postback");
        if (postback.hasNonNull("mid")) {
            String key = prefix + "p:" + postback.get("mid").asText();
            if (key.length() <= MAX_KEY) {
                return key;
            }
        }
        return prefix + "d:" + digest(object + '\n' + account + '\n' + array + '\n' + item);
    }

    /**
     * The person's message of a stored event as a failed turn without an answer, or null when the
     * event is not a message.
     *
     * @param claim the event
     * @param at when the turn ended
     * @return the turn, or null
     */
    public static io.messengerkit.webhook.MessageExchange messageOf(EventQueue.Claim claim, java.time.Instant at) {
        try {
            JsonNode entry = JSON.readTree(claim.body()).path("entry").path(0);
            JsonNode item = entry.path("messaging").path(0);
            JsonNode message = item.path("message");
            if (!message.hasNonNull("mid") || message.path("is_echo").asBoolean(false)) {
                return null;
            }
            return new io.messengerkit.webhook.MessageExchange(claim.accountId(), claim.personId(),
                    message.get("mid").asText(), text(message, "text", null), null, null,
                    io.messengerkit.webhook.MessageExchange.Status.FAILED, null, null, at);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    private static String cut(String s) {
        return s.length() <= MAX_KEY ? s : s.substring(0, MAX_KEY);
    }

    private static String digest(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
