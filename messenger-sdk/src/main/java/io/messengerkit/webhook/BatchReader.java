package io.messengerkit.webhook;

import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one delivery: the body's {@code object} and {@code entry[]}, each entry's page id, time and
 * {@code messaging[]}, {@code standby[]} and {@code changes[]} items, and each item's envelope
 * ({@code sender}, {@code recipient}, {@code timestamp}). The item's event key is looked up in
 * {@link EventKind}, whose row reads the body and builds the record. A broken item, or one that
 * lacks the sender or recipient its kind needs, becomes an {@link UnparseableEvent} in its place; a
 * broken body as a whole is a {@link WebhookParseException}. So is a body with more events than
 * the delivery cap or more elements in one array than the array cap: reading stops at the first
 * element past the cap, so such a body costs no more than the cap's worth of events.
 * One reader per parse.
 */
final class BatchReader {
    /** The {@code object} values of messaging deliveries, kept as constants instead of read into new strings. */
    private static final String[] KNOWN_OBJECTS = {"page", "instagram"};

    private final JsonCursor in;
    private final int maxEvents;
    private int eventsRead;
    // Reused per entry and, when the reader is reused, per parse: each list is copied once, into its
    // immutable form.
    private final List<WebhookEvent> eventScratch = new ArrayList<>();
    private final List<WebhookEntry> entryScratch = new ArrayList<>();
    private final EventBody.Values values = new EventBody.Values();
    private String object;
    private String pageId;
    /** Whether a parse is running on this reader (a reused reader is never entered twice). */
    private boolean busy;

    BatchReader(JsonCursor in, int maxEvents) {
        this.in = in;
        this.maxEvents = maxEvents;
    }

    /** The cursor this reader reads through. */
    JsonCursor cursor() {
        return in;
    }

    /** Claims a reused reader for one parse; false when it is in use already (a parse within a parse). */
    boolean claim() {
        if (busy) {
            return false;
        }
        busy = true;
        return true;
    }

    /** Ends a parse on a reused reader: forgets the body, its events and values, and frees the reader. */
    void release() {
        in.close();
        eventScratch.clear();
        entryScratch.clear();
        values.forget();
        object = null;
        pageId = null;
        eventsRead = 0;
        busy = false;
    }

    /**
     * The immutable copy of a scratch list (of non-null elements); one and two elements go straight into
     * their list, without the array {@link List#copyOf} makes first.
     */
    static <T> List<T> copy(List<T> scratch) {
        return switch (scratch.size()) {
            case 0 -> List.of();
            case 1 -> List.of(scratch.get(0));
            case 2 -> List.of(scratch.get(0), scratch.get(1));
            default -> List.copyOf(scratch);
        };
    }

    /** Counts one more event of the delivery; past the cap the delivery is unusable as a whole. */
    private void countEvent() {
        if (++eventsRead > maxEvents) {
            throw new WebhookParseException("webhook body has more than " + maxEvents + " events");
        }
    }

    WebhookBatch read() throws IOException {
        if (in.next() != JsonToken.START_OBJECT) {
            throw new WebhookParseException("webhook body is not a JSON object");
        }
        boolean sawObject = false;
        List<WebhookEntry> entries = null;
        while (in.nextField()) {
            String name = in.name();
            JsonToken value = in.next();
            if ("object".equals(name)) {
                if (value != JsonToken.VALUE_STRING) {
                    throw new WebhookParseException("webhook body's 'object' is not a string");
                }
                object = in.knownText(value, KNOWN_OBJECTS);
                sawObject = true;
            } else if ("entry".equals(name)) {
                if (value != JsonToken.START_ARRAY) {
                    throw new WebhookParseException("webhook body's 'entry' is not an array");
                }
                if (!sawObject) {
                    // Rare: 'entry' came before 'object'.
                    object = in.peekField(0, "object", false);
                    sawObject = object != null;
                }
                entries = entries(entries);
            } else {
                in.skip();
            }
        }
        if (in.next() != null) {
            throw new WebhookParseException("webhook body has content after the JSON object");
        }
        if (!sawObject) {
            throw new WebhookParseException("webhook body has no 'object'");
        }
        if (entries == null) {
            throw new WebhookParseException("webhook body has no 'entry' array");
        }
        return new WebhookBatch(object, copy(entries));
    }

    private List<WebhookEntry> entries(List<WebhookEntry> earlier) throws IOException {
        List<WebhookEntry> entries = earlier == null ? entryScratch : earlier;
        JsonToken t;
        while ((t = in.next()) != JsonToken.END_ARRAY) {
            in.countElement(entries.size() + 1, "entry");
            if (t == JsonToken.START_OBJECT) {
                entries.add(entry());
            } else {
                countEvent();
                long start = in.startOffset();
                in.skip();
                Envelope envelope = new Envelope(object, null, null, null, null, 0, false);
                entries.add(new WebhookEntry(null, 0, List.of(
                        new UnparseableEvent(envelope, "entry is not a JSON object", in.raw(start)))));
            }
        }
        return entries;
    }

    private WebhookEntry entry() throws IOException {
        long entryStart = in.startOffset();
        pageId = null;
        boolean idKnown = false;
        long time = 0;
        List<WebhookEvent> events = eventScratch;
        events.clear();
        while (in.nextField()) {
            String name = in.name();
            JsonToken value = in.next();
            switch (name) {
                case "id" -> {
                    pageId = in.scalarOrNull(value);
                    idKnown = true;
                }
                case "time" -> time = in.longOrZero(value);
                case "messaging", "standby", "changes" -> {
                    if (!idKnown) {
                        // Rare: the entry's events came before its id.
                        pageId = in.peekField(entryStart, "id", true);
                        idKnown = true;
                    }
                    items(events, name, value, time);
                }
                default -> in.skip();
            }
        }
        return new WebhookEntry(pageId, time, copy(events));
    }

    private void items(List<WebhookEvent> events, String array, JsonToken value, long entryTime) throws IOException {
        boolean standby = "standby".equals(array);
        if (value != JsonToken.START_ARRAY) {
            long start = in.startOffset();
            in.skip();
            if (value != JsonToken.VALUE_NULL) {
                Envelope envelope = new Envelope(object, pageId, null, null, null, entryTime, standby);
                events.add(new UnparseableEvent(envelope, "'" + array + "' is not an array", in.raw(start)));
            }
            return;
        }
        boolean changes = "changes".equals(array);
        JsonToken t;
        int n = 0;
        while ((t = in.next()) != JsonToken.END_ARRAY) {
            in.countElement(++n, array);
            countEvent();
            events.add(changes ? change(t, entryTime) : item(t, standby));
        }
    }

    /** A {@code changes[]} item: {@code {"field": "...", "value": ...}}, its value kept as raw JSON. */
    private WebhookEvent change(JsonToken first, long entryTime) throws IOException {
        long start = in.startOffset();
        long millis = WebhookEntry.epochMillis(entryTime);
        Envelope envelope = new Envelope(object, pageId, null, null, null, millis, false);
        if (first != JsonToken.START_OBJECT) {
            in.skip();
            return new UnparseableEvent(envelope, "change is not a JSON object", in.raw(start));
        }
        String field = null;
        String value = null;
        boolean badField = false;
        while (in.nextField()) {
            String name = in.name();
            JsonToken v = in.next();
            if ("value".equals(name)) {
                long valueStart = in.startOffset();
                in.skip();
                value = v == JsonToken.VALUE_NULL ? null : in.raw(valueStart);
            } else if ("field".equals(name) && v == JsonToken.VALUE_STRING) {
                field = in.scalarOrNull(v);
            } else {
                badField |= "field".equals(name) && v != JsonToken.VALUE_NULL;
                in.skip();
            }
        }
        return badField ? new UnparseableEvent(envelope, "change's 'field' is not a string", in.raw(start))
                : new ChangeEvent(envelope, field, value);
    }

    private WebhookEvent item(JsonToken first, boolean standby) throws IOException {
        long start = in.startOffset();
        if (first != JsonToken.START_OBJECT) {
            in.skip();
            return new UnparseableEvent(new Envelope(object, pageId, null, null, null, 0, standby),
                    "event is not a JSON object", in.raw(start));
        }
        int itemDepth = in.depth();
        String senderId = null;
        String senderUserRef = null;
        String recipientId = null;
        long timestamp = 0;
        EventKind event = null;
        EventKind accompanying = null;
        String unknownKey = null;
        values.startItem();
        try {
            while (in.nextField()) {
                String name = in.name();
                JsonToken v = in.next();
                switch (name) {
                    case "sender" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            break;
                        }
                        in.expectObject(v, null, "sender");
                        while (in.nextField()) {
                            String f = in.name();
                            JsonToken fv = in.next();
                            switch (f) {
                                case "id" -> senderId = in.sharedString(fv, "sender", f, pageId);
                                case "user_ref" -> senderUserRef = in.string(fv, "sender", f);
                                default -> in.skip();
                            }
                        }
                    }
                    case "recipient" -> {
                        if (v == JsonToken.VALUE_NULL) {
                            break;
                        }
                        in.expectObject(v, null, "recipient");
                        while (in.nextField()) {
                            JsonToken fv = in.next();
                            if ("id".equals(in.name())) {
                                recipientId = in.sharedString(fv, "recipient", "id", pageId);
                            } else {
                                in.skip();
                            }
                        }
                    }
                    case "timestamp" -> timestamp = in.number(v, null, "timestamp");
                    default -> {
                        EventKind kind = EventKind.ofKey(name);
                        if (kind == null) {
                            if (unknownKey == null) {
                                unknownKey = name;
                            }
                            in.skip();
                        } else if (kind.accompanying()) {
                            kind.readBody(in, v, values);
                            accompanying = kind;
                        } else if (event != null) {
                            // One event per item; a second event key is ignored.
                            in.skip();
                        } else {
                            kind.readBody(in, v, values);
                            event = kind;
                        }
                    }
                }
            }
            Envelope envelope = new Envelope(object, pageId, senderId, senderUserRef, recipientId, timestamp, standby);
            EventKind kind = event != null ? event : accompanying;
            if (kind == null) {
                return new UnknownEvent(envelope, unknownKey, in.raw(start));
            }
            WebhookEvent built = kind.build(envelope, values);
            // The built record's own kind decides: a message body may have become an echo.
            EventKind builtKind = kind.eventType() == built.getClass() ? kind : EventKind.of(built);
            String missing = builtKind.needs().missingFrom(envelope);
            return missing == null ? built
                    : new UnparseableEvent(envelope, kind.field() + " event " + missing, in.raw(start));
        } catch (BadEvent e) {
            in.skipToEndOfObject(itemDepth);
            Envelope envelope = new Envelope(object, pageId, senderId, senderUserRef, recipientId, timestamp, standby);
            return new UnparseableEvent(envelope, e.getMessage(), in.raw(start));
        }
    }
}
