package io.messengerkit.webhook;

import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.webhook.event.Attachment;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.Story;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the body of an event (the value under its key in a {@code messaging[]} item) is read: most
 * kinds declare their fields, each with a type, and {@link #fields} reads them in one pass; the
 * rest supply a {@link Reader} of their own.
 *
 * <p>A body is read before its item is finished (the item's {@code sender}, {@code recipient} and
 * {@code timestamp} may come after it), so its values wait in {@link Values}, one set reused item
 * after item, until the item's envelope is known and the event record is built.
 */
final class EventBody {
    /** Most fields a declared body may have (a message and an opt-in have 11). */
    static final int MAX_FIELDS = 12;
    /** The body shared by the three handover events; each record takes the fields it has. */
    static final Reader HANDOVER = fields(text("new_owner_app_id"), text("previous_owner_app_id"),
            text("requested_owner_app_id"), text("metadata"));

    private static final MethodHandle ATTACHMENT_FROM_BODY = attachmentFromBody();
    private static final String[] COMMON_ATTACHMENT_TYPES = {
        "image", "video", "audio", "file", "sticker", "template", "fallback", "location", "reel", "ig_reel",
    };

    private EventBody() {
    }

    /** Reads one kind's body into {@link Values}. */
    @FunctionalInterface
    interface Reader {
        /**
         * Reads the value just reached.
         *
         * @param in the cursor, on the body's first token
         * @param value that token
         * @param key the event's key, naming the body in error messages
         * @param out where the values go
         */
        void read(JsonCursor in, JsonToken value, String key, Values out) throws IOException, BadEvent;
    }

    /** The type of a declared field, which says how it is read and which {@link Values} accessor gives it. */
    enum Type {
        /** A string (numbers as their text): {@link Values#text}. */
        TEXT,
        /** An integer, 0 when absent or null: {@link Values#number}. */
        NUMBER,
        /** An integer in {@code [0, Integer.MAX_VALUE]}, 0 when absent: {@link Values#number}. */
        COUNT,
        /** An integer, null when absent or null: {@link Values#optionalNumber}. */
        OPTIONAL_NUMBER,
        /** A boolean, false when absent: {@link Values#flag}. */
        FLAG,
        /** An array of strings, empty when absent: {@link Values#texts}. */
        TEXTS,
        /** One string field of a nested object ({@code quick_reply.payload}): {@link Values#text}. */
        INNER_TEXT,
        /** A message's attachments, empty when absent: {@link Values#attachments}. */
        ATTACHMENTS,
        /** A referral object, null when absent: {@link Values#referral}. */
        REFERRAL,
        /** {@code reply_to}: its {@code mid} via {@link Values#text}, its {@code story} via {@link Values#story}. */
        REPLY_TO,
    }

    /** One declared field: its JSON name, its type and, for {@link Type#INNER_TEXT}, the nested field's name. */
    record Field(String name, Type type, String inner) {
    }

    static Field text(String name) {
        return new Field(name, Type.TEXT, null);
    }

    static Field number(String name) {
        return new Field(name, Type.NUMBER, null);
    }

    static Field count(String name) {
        return new Field(name, Type.COUNT, null);
    }

    static Field optionalNumber(String name) {
        return new Field(name, Type.OPTIONAL_NUMBER, null);
    }

    static Field flag(String name) {
        return new Field(name, Type.FLAG, null);
    }

    static Field texts(String name) {
        return new Field(name, Type.TEXTS, null);
    }

    static Field inner(String name, String innerName) {
        return new Field(name, Type.INNER_TEXT, innerName);
    }

    static Field attachments(String name) {
        return new Field(name, Type.ATTACHMENTS, null);
    }

    static Field referral(String name) {
        return new Field(name, Type.REFERRAL, null);
    }

    static Field replyTo(String name) {
        return new Field(name, Type.REPLY_TO, null);
    }

    /**
     * A body that is an object with these fields; other fields are skipped. Field {@code i} lands in
     * slot {@code i} of {@link Values}.
     */
    static Reader fields(Field... fields) {
        if (fields.length > MAX_FIELDS) {
            throw new IllegalArgumentException("a body declares at most " + MAX_FIELDS + " fields");
        }
        Field[] declared = fields.clone();
        return (in, value, key, out) -> readFields(declared, in, value, key, out);
    }

    private static void readFields(Field[] fields, JsonCursor in, JsonToken value, String key, Values out)
            throws IOException, BadEvent {
        in.expectObject(value, null, key);
        out.clear(fields.length);
        while (in.nextField()) {
            String name = in.name();
            JsonToken v = in.next();
            int i = indexOf(fields, name);
            if (i < 0) {
                in.skip();
                continue;
            }
            Field f = fields[i];
            switch (f.type()) {
                case TEXT -> out.slots[i] = in.string(v, key, name);
                case NUMBER, COUNT -> out.slots[i] = in.number(v, key, name);
                case OPTIONAL_NUMBER -> out.slots[i] = v == JsonToken.VALUE_NULL ? null : in.number(v, key, name);
                case FLAG -> out.slots[i] = in.bool(v, key, name) ? Boolean.TRUE : Boolean.FALSE;
                case TEXTS -> out.slots[i] = in.strings(v, key, name);
                case INNER_TEXT -> out.slots[i] = in.innerString(v, key, name, f.inner());
                case ATTACHMENTS -> out.slots[i] = attachments(in, v, key, name, out);
                case REFERRAL -> out.slots[i] = referral(in, v, key, name);
                case REPLY_TO -> out.slots[i] = replyTo(in, v, key, name, out);
                default -> throw new IllegalStateException(f.type().name());
            }
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].type() == Type.COUNT && (out.number(i) < 0 || out.number(i) > Integer.MAX_VALUE)) {
                throw new BadEvent(key, fields[i].name(), "is out of range");
            }
        }
    }

    /** Field names come canonicalized from Jackson, so identity usually decides before equals is needed. */
    private static int indexOf(Field[] fields, String name) {
        for (int i = 0; i < fields.length; i++) {
            String declared = fields[i].name();
            if (declared == name || declared.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads {@code reply_to}: returns its {@code mid} and leaves its Instagram {@code story} in {@code out}. */
    private static String replyTo(JsonCursor in, JsonToken v, String owner, String field, Values out)
            throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        in.expectObject(v, owner, field);
        String where = BadEvent.name(owner, field);
        String mid = null;
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            switch (f) {
                case "mid" -> mid = in.string(fv, where, f);
                case "story" -> {
                    if (fv == JsonToken.VALUE_NULL) {
                        break;
                    }
                    in.expectObject(fv, where, f);
                    String id = null;
                    String url = null;
                    while (in.nextField()) {
                        String sf = in.name();
                        JsonToken sv = in.next();
                        switch (sf) {
                            case "id" -> id = in.string(sv, "reply_to.story", sf);
                            case "url" -> url = in.string(sv, "reply_to.story", sf);
                            default -> in.skip();
                        }
                    }
                    out.story = new Story(id, url);
                }
                default -> in.skip();
            }
        }
        return mid;
    }

    /**
     * Reads a {@code messaging_feedback} body:
     * {@code {"feedback_screens":[{"screen_id":0,"questions":{"<id>":{"type","payload","follow_up":{...}}}}]}}.
     */
    static void feedback(JsonCursor in, JsonToken value, String key, Values out) throws IOException, BadEvent {
        in.expectObject(value, null, key);
        List<MessagingFeedbackEvent.Screen> screens = new ArrayList<>();
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            if (!"feedback_screens".equals(f) || fv == JsonToken.VALUE_NULL) {
                in.skip();
                continue;
            }
            if (fv != JsonToken.START_ARRAY) {
                throw new BadEvent(key, f, "is not an array");
            }
            int n = 0;
            JsonToken t;
            while ((t = in.next()) != JsonToken.END_ARRAY) {
                in.countElement(++n, f);
                in.expectObject(t, key, f + "[]");
                screens.add(feedbackScreen(in));
            }
        }
        out.set(0, screens);
    }

    private static MessagingFeedbackEvent.Screen feedbackScreen(JsonCursor in) throws IOException, BadEvent {
        long screenId = 0;
        List<MessagingFeedbackEvent.Answer> answers = new ArrayList<>();
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            switch (f) {
                case "screen_id" -> screenId = in.number(fv, "feedback_screens[]", f);
                case "questions" -> {
                    if (fv == JsonToken.VALUE_NULL) {
                        break;
                    }
                    in.expectObject(fv, "feedback_screens[]", f);
                    int n = 0;
                    while (in.nextField()) {
                        in.countElement(++n, f);
                        String questionId = in.name();
                        JsonToken qv = in.next();
                        in.expectObject(qv, "questions", questionId);
                        answers.add(feedbackAnswer(in, questionId));
                    }
                }
                default -> in.skip();
            }
        }
        return new MessagingFeedbackEvent.Screen(screenId, answers);
    }

    private static MessagingFeedbackEvent.Answer feedbackAnswer(JsonCursor in, String questionId)
            throws IOException, BadEvent {
        String type = null;
        String payload = null;
        String followUpType = null;
        String followUpPayload = null;
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            switch (f) {
                case "type" -> type = in.string(fv, "question", f);
                case "payload" -> payload = in.string(fv, "question", f);
                case "follow_up" -> {
                    if (fv == JsonToken.VALUE_NULL) {
                        break;
                    }
                    in.expectObject(fv, "question", f);
                    while (in.nextField()) {
                        String uf = in.name();
                        JsonToken uv = in.next();
                        switch (uf) {
                            case "type" -> followUpType = in.string(uv, "follow_up", uf);
                            case "payload" -> followUpPayload = in.string(uv, "follow_up", uf);
                            default -> in.skip();
                        }
                    }
                }
                default -> in.skip();
            }
        }
        return new MessagingFeedbackEvent.Answer(questionId, type, payload, followUpType, followUpPayload);
    }

    /** A referral object ({@code ref}, {@code source}, {@code type}, {@code ad_id}, ...); null for JSON null. */
    static Referral referral(JsonCursor in, JsonToken v, String owner, String field) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        in.expectObject(v, owner, field);
        String where = BadEvent.name(owner, field);
        String ref = null;
        String source = null;
        String type = null;
        String adId = null;
        String refererUri = null;
        String adsContext = null;
        String productId = null;
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            switch (f) {
                case "ref" -> ref = in.string(fv, where, f);
                case "source" -> source = in.string(fv, where, f);
                case "type" -> type = in.string(fv, where, f);
                case "ad_id" -> adId = in.string(fv, where, f);
                case "referer_uri" -> refererUri = in.string(fv, where, f);
                case "ads_context_data" -> {
                    long start = in.startOffset();
                    in.skip();
                    adsContext = fv == JsonToken.VALUE_NULL ? null : in.raw(start);
                }
                case "product" -> productId = in.innerString(fv, where, f, "id");
                default -> in.skip();
            }
        }
        return new Referral(ref, source, type, adId, refererUri, adsContext, productId);
    }

    private static List<Attachment> attachments(JsonCursor in, JsonToken v, String owner, String field, Values out)
            throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (v != JsonToken.START_ARRAY) {
            throw new BadEvent(owner, field, "is not an array");
        }
        List<Attachment> scratch = out.attachmentScratch();
        JsonToken t;
        int n = 0;
        while ((t = in.next()) != JsonToken.END_ARRAY) {
            in.countElement(++n, field);
            if (t != JsonToken.START_OBJECT) {
                throw new BadEvent(BadEvent.name(owner, field) + "[] is not an object");
            }
            scratch.add(attachment(in));
        }
        return BatchReader.copy(scratch);
    }

    private static Attachment attachment(JsonCursor in) throws IOException, BadEvent {
        String type = null;
        String url = null;
        String stickerId = null;
        String title = null;
        Double lat = null;
        Double lng = null;
        long payloadStart = -1;
        int payloadLength = 0;
        String videoId = null;
        while (in.nextField()) {
            String f = in.name();
            JsonToken fv = in.next();
            switch (f) {
                case "type" -> type = in.knownString(fv, "attachment", f, COMMON_ATTACHMENT_TYPES);
                case "title" -> title = in.string(fv, "attachment", f);
                case "url" -> url = in.string(fv, "attachment", f);
                case "payload" -> {
                    if (fv == JsonToken.VALUE_NULL) {
                        break;
                    }
                    in.expectObject(fv, "attachment", f);
                    long start = in.startOffset();
                    while (in.nextField()) {
                        String pf = in.name();
                        JsonToken pv = in.next();
                        switch (pf) {
                            case "url" -> url = in.string(pv, "attachment.payload", pf);
                            case "sticker_id" -> stickerId = in.string(pv, "attachment.payload", pf);
                            case "reel_video_id" -> videoId = in.string(pv, "attachment.payload", pf);
                            case "title" -> {
                                if (title == null) {
                                    title = in.string(pv, "attachment.payload", pf);
                                } else {
                                    in.skip();
                                }
                            }
                            case "coordinates" -> {
                                if (pv == JsonToken.VALUE_NULL) {
                                    break;
                                }
                                in.expectObject(pv, "attachment.payload", pf);
                                while (in.nextField()) {
                                    String cf = in.name();
                                    JsonToken cv = in.next();
                                    switch (cf) {
                                        case "lat" -> lat = in.decimal(cv, "coordinates", cf);
                                        case "long" -> lng = in.decimal(cv, "coordinates", cf);
                                        default -> in.skip();
                                    }
                                }
                            }
                            default -> in.skip();
                        }
                    }
                    payloadStart = start;
                    payloadLength = in.rawLength(start);
                }
                default -> in.skip();
            }
        }
        if (payloadStart < 0) {
            return new Attachment(type, url, stickerId, title, lat, lng, null, videoId);
        }
        if (payloadLength == 0) {
            return new Attachment(type, url, stickerId, title, lat, lng, "", videoId);
        }
        try {
            // The payload stays a slice of the body until someone asks for its text.
            return (Attachment) ATTACHMENT_FROM_BODY.invokeExact(type, url, stickerId, title, lat, lng, in.body(),
                    (int) payloadStart, payloadLength, videoId);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link Attachment}'s private factory of attachments whose payload is a slice of the body. */
    private static MethodHandle attachmentFromBody() {
        try {
            return MethodHandles.privateLookupIn(Attachment.class, MethodHandles.lookup()).findStatic(
                    Attachment.class, "fromBody", MethodType.methodType(Attachment.class, String.class,
                            String.class, String.class, String.class, Double.class, Double.class, byte[].class,
                            int.class, int.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The values of the body being read, by slot, and the item's referral; one instance per parse,
     * reused item after item. Each accessor returns the declared field's value or its default.
     * Numbers are boxed and flags are the two Boolean constants, so a body costs no allocation
     * beyond its values.
     */
    static final class Values {
        private final Object[] slots = new Object[MAX_FIELDS];
        // Each message's attachments are collected here, then copied once into their immutable list.
        private List<Attachment> attachmentScratch;
        /** A {@code referral} beside the body in the same item: part of that event, or the event itself. */
        private Referral itemReferral;
        /** The Instagram story the message body read last replied to; reset with the body's slots. */
        private Story story;

        /** Forgets everything read, so a reader reused for the next body holds nothing of this one. */
        void forget() {
            Arrays.fill(slots, null);
            if (attachmentScratch != null) {
                attachmentScratch.clear();
            }
            itemReferral = null;
            story = null;
        }

        /** Forgets the previous item, referral included. */
        void startItem() {
            itemReferral = null;
        }

        private void clear(int count) {
            Arrays.fill(slots, 0, count, null);
            story = null;
        }

        Story story() {
            return story;
        }

        private List<Attachment> attachmentScratch() {
            if (attachmentScratch == null) {
                attachmentScratch = new ArrayList<>(4);
            }
            attachmentScratch.clear();
            return attachmentScratch;
        }

        void set(int slot, Object value) {
            slots[slot] = value;
        }

        void itemReferral(Referral referral) {
            itemReferral = referral;
        }

        Referral itemReferral() {
            return itemReferral;
        }

        String text(int slot) {
            return (String) slots[slot];
        }

        long number(int slot) {
            Object n = slots[slot];
            return n == null ? 0 : (Long) n;
        }

        Long optionalNumber(int slot) {
            return (Long) slots[slot];
        }

        boolean flag(int slot) {
            return slots[slot] == Boolean.TRUE;
        }

        @SuppressWarnings("unchecked")
        List<String> texts(int slot) {
            Object list = slots[slot];
            return list == null ? List.of() : (List<String>) list;
        }

        @SuppressWarnings("unchecked")
        List<Attachment> attachments(int slot) {
            Object list = slots[slot];
            return list == null ? List.of() : (List<Attachment>) list;
        }

        Referral referral(int slot) {
            return (Referral) slots[slot];
        }

        /** The body's own referral, or else the one beside it in the item. */
        Referral referralOrItems(int slot) {
            Referral own = (Referral) slots[slot];
            return own != null ? own : itemReferral;
        }

        /** A value a {@link Reader} of its own put there with {@link #set}. */
        @SuppressWarnings("unchecked")
        <T> T get(int slot) {
            return (T) slots[slot];
        }
    }
}
