package io.messengerkit.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a verified webhook body into immutable typed events, in one streaming pass over the raw
 * bytes.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Every entry and every {@code messaging[]}, {@code standby[]} and {@code changes[]} item is
 *       returned, in body order, each with its page id ({@link WebhookEvent#pageId()}).</li>
 *   <li>Events the SDK does not model become {@link UnknownEvent} with their raw JSON; unknown
 *       fields of known events are skipped.</li>
 *   <li>An item whose shape is broken becomes an {@link UnparseableEvent} in its place; its
 *       neighbours are unaffected.</li>
 *   <li>A body that is not JSON, exceeds {@link Builder#maxBodyBytes(int)} or nests deeper than
 *       {@link Builder#maxNestingDepth(int)} fails with {@link WebhookParseException}; no other
 *       exception leaves {@link #parse(byte[])}.</li>
 * </ul>
 * Numbers and ids are accepted as JSON numbers or strings (Meta documents both). Instances are
 * immutable and thread-safe; share one.
 */
public final class WebhookParser {
    /** Default body limit: 8 MiB, room for a full 1,000-update batch. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Default nesting limit; real deliveries (templates in echoes included) stay well below it. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;

    private static final int MAX_RAW_CHARS = 64 * 1024;
    private static final String[] COMMON_ATTACHMENT_TYPES = {
        "image", "video", "audio", "file", "sticker", "template", "fallback", "location",
    };
    /**
     * How {@link ParserBase#getTokenCharacterOffset()} relates to the byte offset of a structural
     * token, measured once on this Jackson version; null when the allocation-free path does not
     * agree with {@link JsonParser#currentTokenLocation()} and must not be used.
     */
    private static final Long TOKEN_OFFSET_ADJUSTMENT = calibrateTokenOffsets();
    private static final WebhookParser DEFAULTS = builder().build();

    private final JsonFactory factory;
    private final int maxBodyBytes;
    private final int maxNestingDepth;

    private WebhookParser(Builder builder) {
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxNestingDepth = builder.maxNestingDepth;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(builder.maxNestingDepth)
                        .maxStringLength(builder.maxBodyBytes)
                        .maxNumberLength(64)
                        .build())
                .build();
    }

    /** {@return a parser with the default limits} */
    public static WebhookParser create() {
        return DEFAULTS;
    }

    /**
     * Starts a configuration with the default limits.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the configured body size limit in bytes} */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** {@return the configured nesting depth limit} */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /**
     * Parses a body. Verify its signature with {@link WebhookSignature} first.
     *
     * @param body a verified webhook body
     * @return every entry and event, in body order
     * @throws WebhookParseException if the body as a whole cannot be read
     */
    public WebhookBatch parse(byte[] body) {
        if (body == null) {
            throw new WebhookParseException("webhook body is missing");
        }
        if (body.length > maxBodyBytes) {
            throw new WebhookParseException("webhook body of " + body.length + " bytes exceeds the limit of "
                    + maxBodyBytes + " bytes");
        }
        try (JsonParser parser = factory.createParser(body)) {
            return new Run(parser, body).batch();
        } catch (WebhookParseException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            throw new WebhookParseException("webhook body exceeds a parser limit (nesting depth " + maxNestingDepth
                    + "): " + shorten(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new WebhookParseException("webhook body is not valid JSON" + where + ": "
                    + shorten(e.getOriginalMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new WebhookParseException("webhook body could not be parsed: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Whether raw JSON slices are located without allocating (true on the Jackson version this SDK pins). */
    static boolean allocationFreeOffsets() {
        return TOKEN_OFFSET_ADJUSTMENT != null;
    }

    private static Long calibrateTokenOffsets() {
        byte[] sample = " [ {\"a\":[1]} , {} ]".getBytes(StandardCharsets.US_ASCII);
        try (JsonParser p = new JsonFactory().createParser(sample)) {
            if (!(p instanceof ParserBase base)) {
                return null;
            }
            Long adjustment = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isStructStart() || t.isStructEnd()) {
                    long expected = p.currentTokenLocation().getByteOffset();
                    long delta = expected - base.getTokenCharacterOffset();
                    if (sample[(int) expected] != t.asString().charAt(0) || (adjustment != null && adjustment != delta)) {
                        return null;
                    }
                    adjustment = delta;
                }
            }
            return adjustment;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() <= 160 ? first : first.substring(0, 160) + "...";
    }

    /** A broken event; caught at the event boundary. No stack trace: it is control flow. */
    private static final class BadEvent extends Exception {
        private static final long serialVersionUID = 1L;

        BadEvent(String message) {
            super(message, null, false, false);
        }
    }

    /** State of one parse call. */
    private final class Run {
        private final JsonParser p;
        // Jackson's byte parser exposes the current token's offset without allocating a JsonLocation.
        private final ParserBase offsets;
        private final byte[] body;
        // Reused per entry and per message: each list is copied once, into its immutable form.
        private final List<WebhookEvent> eventScratch = new ArrayList<>();
        private List<Attachment> attachmentScratch;
        private String object;
        private String pageId;
        // A "referral" beside a "message" or "postback" in the same item belongs to that event.
        private Referral itemReferral;

        Run(JsonParser p, byte[] body) {
            this.p = p;
            this.offsets = TOKEN_OFFSET_ADJUSTMENT != null && p instanceof ParserBase base ? base : null;
            this.body = body;
        }

        WebhookBatch batch() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new WebhookParseException("webhook body is not a JSON object");
            }
            boolean sawObject = false;
            List<WebhookEntry> entries = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("object".equals(name)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new WebhookParseException("webhook body's 'object' is not a string");
                    }
                    object = p.getText();
                    sawObject = true;
                } else if ("entry".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new WebhookParseException("webhook body's 'entry' is not an array");
                    }
                    if (!sawObject) {
                        object = lookAheadObject();
                        sawObject = object != null;
                    }
                    entries = entries(entries);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new WebhookParseException("webhook body has content after the JSON object");
            }
            if (!sawObject) {
                throw new WebhookParseException("webhook body has no 'object'");
            }
            if (entries == null) {
                throw new WebhookParseException("webhook body has no 'entry' array");
            }
            return new WebhookBatch(object, List.copyOf(entries));
        }

        /** Rare path: 'entry' came before 'object'. Scan the top level once more for it. */
        private String lookAheadObject() throws IOException {
            try (JsonParser scan = factory.createParser(body)) {
                scan.nextToken();
                while (scan.nextToken() == JsonToken.FIELD_NAME) {
                    String name = scan.currentName();
                    JsonToken value = scan.nextToken();
                    if ("object".equals(name) && value == JsonToken.VALUE_STRING) {
                        return scan.getText();
                    }
                    scan.skipChildren();
                }
            }
            return null;
        }

        private List<WebhookEntry> entries(List<WebhookEntry> earlier) throws IOException {
            List<WebhookEntry> entries = earlier == null ? new ArrayList<>() : earlier;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.START_OBJECT) {
                    entries.add(entry());
                } else {
                    long start = startOffset();
                    p.skipChildren();
                    Envelope envelope = new Envelope(object, null, null, null, null, 0, false);
                    entries.add(new WebhookEntry(null, 0, List.of(
                            new UnparseableEvent(envelope, "entry is not a JSON object", raw(start)))));
                }
            }
            return entries;
        }

        private WebhookEntry entry() throws IOException {
            long entryStart = startOffset();
            pageId = null;
            boolean idKnown = false;
            long time = 0;
            List<WebhookEvent> events = eventScratch;
            events.clear();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "id" -> {
                        pageId = scalarOrNull(value);
                        idKnown = true;
                    }
                    case "time" -> {
                        time = value == JsonToken.VALUE_NUMBER_INT ? safeLong() : 0;
                        p.skipChildren();
                    }
                    case "messaging", "standby", "changes" -> {
                        if (!idKnown) {
                            pageId = lookAheadEntryId(entryStart);
                            idKnown = true;
                        }
                        items(events, pageId, name, value, time);
                    }
                    default -> p.skipChildren();
                }
            }
            return new WebhookEntry(pageId, time, List.copyOf(events));
        }

        /** Rare path: an entry's events came before its id. Scan that entry once more for it. */
        private String lookAheadEntryId(long entryStart) throws IOException {
            try (JsonParser scan = factory.createParser(body, (int) entryStart, body.length - (int) entryStart)) {
                scan.nextToken();
                while (scan.nextToken() == JsonToken.FIELD_NAME) {
                    String name = scan.currentName();
                    JsonToken value = scan.nextToken();
                    if ("id".equals(name) && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT)) {
                        return scan.getText();
                    }
                    scan.skipChildren();
                }
            }
            return null;
        }

        private void items(List<WebhookEvent> events, String pageId, String kind, JsonToken value, long entryTime)
                throws IOException {
            boolean standby = "standby".equals(kind);
            if (value != JsonToken.START_ARRAY) {
                long start = startOffset();
                p.skipChildren();
                if (value != JsonToken.VALUE_NULL) {
                    Envelope envelope = new Envelope(object, pageId, null, null, null, entryTime, standby);
                    events.add(new UnparseableEvent(envelope, "'" + kind + "' is not an array", raw(start)));
                }
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if ("changes".equals(kind)) {
                    long start = startOffset();
                    p.skipChildren();
                    Envelope envelope = new Envelope(object, pageId, null, null, null, entryTime, false);
                    events.add(new UnknownEvent(envelope, "changes", raw(start)));
                } else {
                    events.add(item(t, pageId, standby));
                }
            }
        }

        private WebhookEvent item(JsonToken first, String pageId, boolean standby) throws IOException {
            long start = startOffset();
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                return new UnparseableEvent(new Envelope(object, pageId, null, null, null, 0, standby),
                        "event is not a JSON object", raw(start));
            }
            int itemDepth = p.getParsingContext().getNestingDepth();
            String senderId = null;
            String senderUserRef = null;
            String recipientId = null;
            long timestamp = 0;
            Function<Envelope, WebhookEvent> body = null;
            String unknownKey = null;
            itemReferral = null;
            try {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "sender" -> {
                            if (v == JsonToken.VALUE_NULL) {
                                break;
                            }
                            expectObject(v, "sender");
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken fv = p.nextToken();
                                switch (f) {
                                    case "id" -> senderId = pageIdOr(fv, "sender.id");
                                    case "user_ref" -> senderUserRef = string(fv, "sender.user_ref");
                                    default -> p.skipChildren();
                                }
                            }
                        }
                        case "recipient" -> {
                            if (v == JsonToken.VALUE_NULL) {
                                break;
                            }
                            expectObject(v, "recipient");
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken fv = p.nextToken();
                                if ("id".equals(f)) {
                                    recipientId = pageIdOr(fv, "recipient.id");
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                        case "timestamp" -> timestamp = number(v, "timestamp");
                        case "referral" -> itemReferral = referral(v, "referral");
                        default -> {
                            if (body != null) {
                                p.skipChildren();
                                break;
                            }
                            body = eventBody(name, v);
                            if (body == null) {
                                if (unknownKey == null) {
                                    unknownKey = name;
                                }
                                p.skipChildren();
                            }
                        }
                    }
                }
                Envelope envelope = new Envelope(object, pageId, senderId, senderUserRef, recipientId, timestamp, standby);
                if (body != null) {
                    return body.apply(envelope);
                }
                if (itemReferral != null) {
                    return new ReferralEvent(envelope, itemReferral);
                }
                return new UnknownEvent(envelope, unknownKey, raw(start));
            } catch (BadEvent e) {
                skipToEndOfItem(itemDepth);
                Envelope envelope = new Envelope(object, pageId, senderId, senderUserRef, recipientId, timestamp, standby);
                return new UnparseableEvent(envelope, e.getMessage(), raw(start));
            }
        }

        /** After a broken event: consume tokens up to and including the item's closing brace. */
        private void skipToEndOfItem(int itemDepth) throws IOException {
            while (!(p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext().getNestingDepth() == itemDepth - 1)) {
                if (p.nextToken() == null) {
                    throw new WebhookParseException("webhook body ends inside an event");
                }
            }
        }

        /** The body of a known event key, or null when the key is not an event this SDK models. */
        private Function<Envelope, WebhookEvent> eventBody(String key, JsonToken v) throws IOException, BadEvent {
            return switch (key) {
                case "message" -> message(v);
                case "postback" -> postback(v);
                case "delivery" -> delivery(v);
                case "read" -> read(v);
                case "reaction" -> reaction(v);
                case "optin" -> optin(v);
                case "account_linking" -> accountLinking(v);
                case "message_edit" -> messageEdit(v);
                case "pass_thread_control" -> passThreadControl(v);
                case "take_thread_control" -> takeThreadControl(v);
                case "request_thread_control" -> requestThreadControl(v);
                case "app_roles" -> appRoles(v);
                case "policy-enforcement", "policy_enforcement" -> policyEnforcement(v);
                default -> null;
            };
        }

        private Function<Envelope, WebhookEvent> message(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "message");
            String mid = null;
            String text = null;
            String quickReply = null;
            String replyTo = null;
            List<Attachment> attachments = List.of();
            boolean echo = false;
            String appId = null;
            String metadata = null;
            boolean deleted = false;
            boolean unsupported = false;
            Referral referral = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "mid" -> mid = string(fv, "message.mid");
                    case "text" -> text = string(fv, "message.text");
                    case "quick_reply" -> quickReply = singleField(fv, "message.quick_reply", "payload");
                    case "reply_to" -> replyTo = singleField(fv, "message.reply_to", "mid");
                    case "attachments" -> attachments = attachments(fv);
                    case "is_echo" -> echo = bool(fv, "message.is_echo");
                    case "app_id" -> appId = string(fv, "message.app_id");
                    case "metadata" -> metadata = string(fv, "message.metadata");
                    case "is_deleted" -> deleted = bool(fv, "message.is_deleted");
                    case "is_unsupported" -> unsupported = bool(fv, "message.is_unsupported");
                    case "referral" -> referral = referral(fv, "message.referral");
                    default -> p.skipChildren();
                }
            }
            String m = mid;
            String t = text;
            List<Attachment> a = attachments;
            if (echo) {
                String app = appId;
                String meta = metadata;
                return env -> new EchoEvent(env, m, t, app, meta, a);
            }
            String q = quickReply;
            String r = replyTo;
            boolean d = deleted;
            boolean u = unsupported;
            Referral ref = referral;
            return env -> new MessageEvent(env, m, t, q, r, a, d, u, ref != null ? ref : itemReferral);
        }

        private List<Attachment> attachments(JsonToken v) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (v != JsonToken.START_ARRAY) {
                throw new BadEvent("message.attachments is not an array");
            }
            if (attachmentScratch == null) {
                attachmentScratch = new ArrayList<>(4);
            }
            List<Attachment> list = attachmentScratch;
            list.clear();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                expectObject(t, "message.attachments[]");
                list.add(attachment());
            }
            return List.copyOf(list);
        }

        private Attachment attachment() throws IOException, BadEvent {
            String type = null;
            String url = null;
            String stickerId = null;
            String title = null;
            Double lat = null;
            Double lng = null;
            String payloadJson = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "type" -> type = attachmentType(fv);
                    case "title" -> title = string(fv, "attachment.title");
                    case "url" -> url = string(fv, "attachment.url");
                    case "payload" -> {
                        if (fv == JsonToken.VALUE_NULL) {
                            break;
                        }
                        expectObject(fv, "attachment.payload");
                        long start = startOffset();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String pf = p.currentName();
                            JsonToken pv = p.nextToken();
                            switch (pf) {
                                case "url" -> url = string(pv, "attachment.payload.url");
                                case "sticker_id" -> stickerId = string(pv, "attachment.payload.sticker_id");
                                case "title" -> {
                                    if (title == null) {
                                        title = string(pv, "attachment.payload.title");
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                                case "coordinates" -> {
                                    if (pv == JsonToken.VALUE_NULL) {
                                        break;
                                    }
                                    expectObject(pv, "attachment.payload.coordinates");
                                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                                        String cf = p.currentName();
                                        JsonToken cv = p.nextToken();
                                        switch (cf) {
                                            case "lat" -> lat = decimal(cv, "coordinates.lat");
                                            case "long" -> lng = decimal(cv, "coordinates.long");
                                            default -> p.skipChildren();
                                        }
                                    }
                                }
                                default -> p.skipChildren();
                            }
                        }
                        payloadJson = raw(start);
                    }
                    default -> p.skipChildren();
                }
            }
            return new Attachment(type, url, stickerId, title, lat, lng, payloadJson);
        }

        private Function<Envelope, WebhookEvent> postback(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "postback");
            String mid = null;
            String title = null;
            String payload = null;
            Referral referral = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "mid" -> mid = string(fv, "postback.mid");
                    case "title" -> title = string(fv, "postback.title");
                    case "payload" -> payload = string(fv, "postback.payload");
                    case "referral" -> referral = referral(fv, "postback.referral");
                    default -> p.skipChildren();
                }
            }
            String m = mid;
            String t = title;
            String pl = payload;
            Referral r = referral;
            return env -> new PostbackEvent(env, m, t, pl, r != null ? r : itemReferral);
        }

        private Referral referral(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(v, where);
            String ref = null;
            String source = null;
            String type = null;
            String adId = null;
            String refererUri = null;
            String adsContext = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "ref" -> ref = string(fv, where + ".ref");
                    case "source" -> source = string(fv, where + ".source");
                    case "type" -> type = string(fv, where + ".type");
                    case "ad_id" -> adId = string(fv, where + ".ad_id");
                    case "referer_uri" -> refererUri = string(fv, where + ".referer_uri");
                    case "ads_context_data" -> {
                        long start = startOffset();
                        p.skipChildren();
                        adsContext = fv == JsonToken.VALUE_NULL ? null : raw(start);
                    }
                    default -> p.skipChildren();
                }
            }
            return new Referral(ref, source, type, adId, refererUri, adsContext);
        }

        private Function<Envelope, WebhookEvent> delivery(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "delivery");
            List<String> mids = List.of();
            long watermark = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "watermark" -> watermark = number(fv, "delivery.watermark");
                    case "mids" -> mids = strings(fv, "delivery.mids");
                    default -> p.skipChildren();
                }
            }
            List<String> m = mids;
            long w = watermark;
            return env -> new DeliveryEvent(env, m, w);
        }

        private Function<Envelope, WebhookEvent> read(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "read");
            long watermark = 0;
            String mid = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "watermark" -> watermark = number(fv, "read.watermark");
                    case "mid" -> mid = string(fv, "read.mid");
                    default -> p.skipChildren();
                }
            }
            long w = watermark;
            String m = mid;
            return env -> new ReadEvent(env, w, m);
        }

        private Function<Envelope, WebhookEvent> reaction(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "reaction");
            String reaction = null;
            String emoji = null;
            String action = null;
            String mid = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "reaction" -> reaction = string(fv, "reaction.reaction");
                    case "emoji" -> emoji = string(fv, "reaction.emoji");
                    case "action" -> action = string(fv, "reaction.action");
                    case "mid" -> mid = string(fv, "reaction.mid");
                    default -> p.skipChildren();
                }
            }
            String r = reaction;
            String e = emoji;
            String a = action;
            String m = mid;
            return env -> new ReactionEvent(env, r, e, a, m);
        }

        private Function<Envelope, WebhookEvent> optin(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "optin");
            String[] s = new String[10];
            Long expiry = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "type" -> s[0] = string(fv, "optin.type");
                    case "ref" -> s[1] = string(fv, "optin.ref");
                    case "user_ref" -> s[2] = string(fv, "optin.user_ref");
                    case "payload" -> s[3] = string(fv, "optin.payload");
                    case "title" -> s[4] = string(fv, "optin.title");
                    case "notification_messages_token" -> s[5] = string(fv, "optin.notification_messages_token");
                    case "notification_messages_timezone" -> s[6] = string(fv, "optin.notification_messages_timezone");
                    case "notification_messages_status" -> s[7] = string(fv, "optin.notification_messages_status");
                    case "user_token_status" -> s[8] = string(fv, "optin.user_token_status");
                    case "one_time_notif_token" -> s[9] = string(fv, "optin.one_time_notif_token");
                    case "token_expiry_timestamp" -> expiry = fv == JsonToken.VALUE_NULL ? null
                            : number(fv, "optin.token_expiry_timestamp");
                    default -> p.skipChildren();
                }
            }
            Long e = expiry;
            return env -> new OptinEvent(env, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], e, s[8], s[9]);
        }

        private Function<Envelope, WebhookEvent> accountLinking(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "account_linking");
            String status = null;
            String code = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "status" -> status = string(fv, "account_linking.status");
                    case "authorization_code" -> code = string(fv, "account_linking.authorization_code");
                    default -> p.skipChildren();
                }
            }
            String s = status;
            String c = code;
            return env -> new AccountLinkingEvent(env, s, c);
        }

        private Function<Envelope, WebhookEvent> messageEdit(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "message_edit");
            String mid = null;
            String text = null;
            long numEdit = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "mid" -> mid = string(fv, "message_edit.mid");
                    case "text" -> text = string(fv, "message_edit.text");
                    case "num_edit" -> numEdit = number(fv, "message_edit.num_edit");
                    default -> p.skipChildren();
                }
            }
            if (numEdit < 0 || numEdit > Integer.MAX_VALUE) {
                throw new BadEvent("message_edit.num_edit is out of range");
            }
            String m = mid;
            String t = text;
            int n = (int) numEdit;
            return env -> new MessageEditEvent(env, m, t, n);
        }

        private Function<Envelope, WebhookEvent> passThreadControl(JsonToken v) throws IOException, BadEvent {
            String[] s = handover(v, "pass_thread_control");
            return env -> new PassThreadControlEvent(env, s[0], s[1], s[3]);
        }

        private Function<Envelope, WebhookEvent> takeThreadControl(JsonToken v) throws IOException, BadEvent {
            String[] s = handover(v, "take_thread_control");
            return env -> new TakeThreadControlEvent(env, s[1], s[0], s[3]);
        }

        private Function<Envelope, WebhookEvent> requestThreadControl(JsonToken v) throws IOException, BadEvent {
            String[] s = handover(v, "request_thread_control");
            return env -> new RequestThreadControlEvent(env, s[2], s[3]);
        }

        /** {new_owner_app_id, previous_owner_app_id, requested_owner_app_id, metadata}. */
        private String[] handover(JsonToken v, String where) throws IOException, BadEvent {
            expectObject(v, where);
            String[] s = new String[4];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "new_owner_app_id" -> s[0] = string(fv, where + ".new_owner_app_id");
                    case "previous_owner_app_id" -> s[1] = string(fv, where + ".previous_owner_app_id");
                    case "requested_owner_app_id" -> s[2] = string(fv, where + ".requested_owner_app_id");
                    case "metadata" -> s[3] = string(fv, where + ".metadata");
                    default -> p.skipChildren();
                }
            }
            return s;
        }

        private Function<Envelope, WebhookEvent> appRoles(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "app_roles");
            Map<String, List<String>> roles = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String appId = p.currentName();
                JsonToken fv = p.nextToken();
                roles.put(appId, strings(fv, "app_roles." + appId));
            }
            return env -> new AppRolesEvent(env, roles);
        }

        private Function<Envelope, WebhookEvent> policyEnforcement(JsonToken v) throws IOException, BadEvent {
            expectObject(v, "policy-enforcement");
            String action = null;
            String reason = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                switch (f) {
                    case "action" -> action = string(fv, "policy-enforcement.action");
                    case "reason" -> reason = string(fv, "policy-enforcement.reason");
                    default -> p.skipChildren();
                }
            }
            String a = action;
            String r = reason;
            return env -> new PolicyEnforcementEvent(env, a, r);
        }

        /** Reads {@code {"<field>": "..."}}, ignoring other fields; null for JSON null. */
        private String singleField(JsonToken v, String where, String field) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            expectObject(v, where);
            String value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken fv = p.nextToken();
                if (field.equals(f)) {
                    value = string(fv, where + "." + field);
                } else {
                    p.skipChildren();
                }
            }
            return value;
        }

        private List<String> strings(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (v != JsonToken.START_ARRAY) {
                throw new BadEvent(where + " is not an array");
            }
            List<String> list = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String s = string(t, where + "[]");
                if (s != null) {
                    list.add(s);
                }
            }
            return List.copyOf(list);
        }

        private void expectObject(JsonToken v, String where) throws BadEvent {
            if (v != JsonToken.START_OBJECT) {
                throw new BadEvent(where + " is not an object");
            }
        }

        /** Strings, and numbers as their text (Meta sends ids either way); null for JSON null. */
        private String string(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getText();
            }
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            throw new BadEvent(where + " is not a string");
        }

        /** Integers, also as decimal strings; 0 for JSON null. */
        private long number(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NUMBER_INT) {
                try {
                    return p.getLongValue();
                } catch (InputCoercionException e) {
                    throw new BadEvent(where + " is out of range");
                }
            }
            if (v == JsonToken.VALUE_STRING) {
                try {
                    return Long.parseLong(p.getText().strip());
                } catch (NumberFormatException e) {
                    throw new BadEvent(where + " is not a number");
                }
            }
            if (v == JsonToken.VALUE_NULL) {
                return 0;
            }
            throw new BadEvent(where + " is not a number");
        }

        private Double decimal(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            if (v == JsonToken.VALUE_STRING) {
                try {
                    return Double.valueOf(p.getText().strip());
                } catch (NumberFormatException e) {
                    throw new BadEvent(where + " is not a number");
                }
            }
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            throw new BadEvent(where + " is not a number");
        }

        private boolean bool(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (v == JsonToken.VALUE_FALSE || v == JsonToken.VALUE_NULL) {
                return false;
            }
            if (v == JsonToken.VALUE_STRING) {
                String s = p.getText();
                if ("true".equals(s)) {
                    return true;
                }
                if ("false".equals(s)) {
                    return false;
                }
            }
            throw new BadEvent(where + " is not a boolean");
        }

        /** An id-like scalar for entry ids; anything else counts as absent. */
        private String scalarOrNull(JsonToken v) throws IOException {
            if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
                return p.getText();
            }
            p.skipChildren();
            return null;
        }

        /** Like {@link #string}, but returns the page id's own String when the value equals it. */
        private String pageIdOr(JsonToken v, String where) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_STRING && pageId != null && textEquals(pageId)) {
                return pageId;
            }
            return string(v, where);
        }

        /** Attachment types, sharing the String of the common ones. */
        private String attachmentType(JsonToken v) throws IOException, BadEvent {
            if (v == JsonToken.VALUE_STRING) {
                for (String known : COMMON_ATTACHMENT_TYPES) {
                    if (textEquals(known)) {
                        return known;
                    }
                }
            }
            return string(v, "attachment.type");
        }

        /** Compares the current string token with {@code expected} without creating a String. */
        private boolean textEquals(String expected) throws IOException {
            int length = p.getTextLength();
            if (length != expected.length()) {
                return false;
            }
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            for (int i = 0; i < length; i++) {
                if (chars[offset + i] != expected.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private long safeLong() throws IOException {
            try {
                return p.getLongValue();
            } catch (InputCoercionException e) {
                return 0;
            }
        }

        private long startOffset() {
            JsonToken t = p.currentToken();
            return offsets != null && t != null && (t.isStructStart() || t.isStructEnd())
                    ? offsets.getTokenCharacterOffset() + TOKEN_OFFSET_ADJUSTMENT
                    : p.currentTokenLocation().getByteOffset();
        }

        /** The body's bytes from {@code start} up to the end of the token just consumed. */
        private String raw(long start) {
            JsonToken last = p.currentToken();
            long end = offsets != null && (last == JsonToken.END_OBJECT || last == JsonToken.END_ARRAY)
                    ? offsets.getTokenCharacterOffset() + TOKEN_OFFSET_ADJUSTMENT + 1
                    : p.currentLocation().getByteOffset();
            if (start < 0 || end > body.length || end <= start) {
                return "";
            }
            int length = (int) Math.min(end - start, MAX_RAW_CHARS);
            return new String(body, (int) start, length, StandardCharsets.UTF_8);
        }
    }

    /** Limits for {@link WebhookParser}. */
    public static final class Builder {
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;

        private Builder() {
        }

        /**
         * Bodies larger than this are rejected before parsing.
         *
         * @param maxBodyBytes the largest body accepted
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 64) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 64");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Bodies nesting objects and arrays deeper than this are rejected.
         *
         * @param maxNestingDepth the deepest JSON nesting accepted
         * @return this builder
         */
        public Builder maxNestingDepth(int maxNestingDepth) {
            if (maxNestingDepth < 8) {
                throw new IllegalArgumentException("maxNestingDepth must be at least 8");
            }
            this.maxNestingDepth = maxNestingDepth;
            return this;
        }

        /**
         * Builds the parser.
         *
         * @return the parser
         */
        public WebhookParser build() {
            return new WebhookParser(this);
        }
    }
}
