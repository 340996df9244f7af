package io.messengerkit.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One streaming pass over a webhook body: the token stream, typed reads of the value just reached,
 * and the raw bytes behind a value.
 *
 * <p>Typed reads are lenient where Meta is inconsistent (ids and numbers arrive as JSON numbers or
 * strings) and throw {@link BadEvent} where a value has the wrong shape. A read names the value by
 * its owner and field ({@code "message", "mid"}); the joined name is built only for the error.
 * Not thread-safe: one cursor per parse.
 */
final class JsonCursor {
    private static final int MAX_RAW_CHARS = 64 * 1024;
    /**
     * How {@link ParserBase#getTokenCharacterOffset()} relates to the byte offset of a structural
     * token, measured once on this Jackson version; null when the allocation-free path does not
     * agree with {@link JsonParser#currentTokenLocation()} and must not be used.
     */
    private static final Long TOKEN_OFFSET_ADJUSTMENT = calibrateTokenOffsets();

    private final JsonFactory factory;
    private final int maxArrayElements;
    private JsonParser p;
    // Jackson's byte parser exposes the current token's offset without allocating a JsonLocation.
    private ParserBase offsets;
    private byte[] body;

    JsonCursor(JsonFactory factory, JsonParser parser, byte[] body, int maxArrayElements) {
        this.factory = factory;
        this.maxArrayElements = maxArrayElements;
        open(parser, body);
    }

    /** A cursor to be {@linkplain #open opened} on a body later (one per thread, reused parse after parse). */
    JsonCursor(JsonFactory factory, int maxArrayElements) {
        this.factory = factory;
        this.maxArrayElements = maxArrayElements;
    }

    /** Points this cursor at a new body and its parser. */
    void open(JsonParser parser, byte[] body) {
        this.p = parser;
        this.offsets = TOKEN_OFFSET_ADJUSTMENT != null && parser instanceof ParserBase base ? base : null;
        this.body = body;
    }

    /** Lets go of the body and parser, so a reused cursor keeps neither alive. */
    void close() {
        this.p = null;
        this.offsets = null;
        this.body = null;
    }

    /**
     * Counts one more element of an array the parser builds values from; past the cap the body as a
     * whole is unusable, so reading stops here instead of building one value per element.
     *
     * @param elementsSoFar the elements of this array read so far, this one included
     * @param array the array's name, for the error
     * @throws WebhookParseException when the array holds more elements than the cap
     */
    void countElement(int elementsSoFar, String array) {
        if (elementsSoFar > maxArrayElements) {
            throw new WebhookParseException("webhook body's '" + array + "' array has more than "
                    + maxArrayElements + " elements");
        }
    }

    /** Whether raw JSON slices are located without allocating (true on the Jackson version this SDK pins). */
    static boolean allocationFreeOffsets() {
        return TOKEN_OFFSET_ADJUSTMENT != null;
    }

    // ---------------------------------------------------------------- moving

    /** {@return the next token, or null at the end of the body} */
    JsonToken next() throws IOException {
        return p.nextToken();
    }

    /** {@return true when the next token is a field name of the current object, false at its end} */
    boolean nextField() throws IOException {
        return p.nextToken() == JsonToken.FIELD_NAME;
    }

    /** {@return the name of the field just reached} */
    String name() throws IOException {
        return p.currentName();
    }

    /** Skips the value just reached, with all its children. */
    void skip() throws IOException {
        p.skipChildren();
    }

    /** {@return how deeply the current token is nested} */
    int depth() {
        return p.getParsingContext().getNestingDepth();
    }

    /**
     * After a broken event: consumes tokens up to and including the closing brace of the object
     * opened at {@code objectDepth}.
     *
     * @throws WebhookParseException when the body ends first
     */
    void skipToEndOfObject(int objectDepth) throws IOException {
        while (!(p.currentToken() == JsonToken.END_OBJECT && depth() == objectDepth - 1)) {
            if (p.nextToken() == null) {
                throw new WebhookParseException("webhook body ends inside an event");
            }
        }
    }

    /**
     * Rare path, for a field that came after the values that need it: scans the object starting at
     * byte {@code objectStart} once more for its field {@code name} and returns its text when it is
     * a string (or, with {@code numbersToo}, an integer); null otherwise.
     */
    String peekField(long objectStart, String name, boolean numbersToo) throws IOException {
        int from = (int) objectStart;
        try (JsonParser scan = factory.createParser(body, from, body.length - from)) {
            scan.nextToken();
            while (scan.nextToken() == JsonToken.FIELD_NAME) {
                String field = scan.currentName();
                JsonToken value = scan.nextToken();
                if (name.equals(field)
                        && (value == JsonToken.VALUE_STRING || (numbersToo && value == JsonToken.VALUE_NUMBER_INT))) {
                    return scan.getText();
                }
                scan.skipChildren();
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- typed reads

    /** Fails unless the value just reached opens an object. */
    void expectObject(JsonToken v, String owner, String field) throws BadEvent {
        if (v != JsonToken.START_OBJECT) {
            throw new BadEvent(owner, field, "is not an object");
        }
    }

    /** Strings, and numbers as their text (Meta sends ids either way); null for JSON null. */
    String string(JsonToken v, String owner, String field) throws IOException, BadEvent {
        if (isText(v)) {
            return p.getText();
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new BadEvent(owner, field, "is not a string");
    }

    /**
     * Like {@link #string}, but returns {@code shared} itself when the value equals it, so a value
     * that recurs in every event (the page id) is not copied each time.
     */
    String sharedString(JsonToken v, String owner, String field, String shared) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_STRING && shared != null && textEquals(shared)) {
            return shared;
        }
        return string(v, owner, field);
    }

    /** Like {@link #string}, but returns the element of {@code known} the value equals, if any. */
    String knownString(JsonToken v, String owner, String field, String[] known) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_STRING) {
            for (String candidate : known) {
                if (textEquals(candidate)) {
                    return candidate;
                }
            }
        }
        return string(v, owner, field);
    }

    /** Integers, also as decimal strings; 0 for JSON null. */
    long number(JsonToken v, String owner, String field) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            try {
                return p.getLongValue();
            } catch (InputCoercionException e) {
                throw new BadEvent(owner, field, "is out of range");
            }
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                return Long.parseLong(p.getText().strip());
            } catch (NumberFormatException e) {
                throw new BadEvent(owner, field, "is not a number");
            }
        }
        if (v == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw new BadEvent(owner, field, "is not a number");
    }

    /** Any number, also as a decimal string; null for JSON null. */
    Double decimal(JsonToken v, String owner, String field) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (v == JsonToken.VALUE_STRING) {
            try {
                return Double.valueOf(p.getText().strip());
            } catch (NumberFormatException e) {
                throw new BadEvent(owner, field, "is not a number");
            }
        }
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new BadEvent(owner, field, "is not a number");
    }

    /** JSON booleans and the strings {@code "true"} and {@code "false"}; false for JSON null. */
    boolean bool(JsonToken v, String owner, String field) throws IOException, BadEvent {
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
        throw new BadEvent(owner, field, "is not a boolean");
    }

    /** An array of strings, JSON nulls in it left out; empty for JSON null. */
    List<String> strings(JsonToken v, String owner, String field) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (v != JsonToken.START_ARRAY) {
            throw new BadEvent(owner, field, "is not an array");
        }
        List<String> list = new ArrayList<>();
        JsonToken t;
        int n = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            countElement(++n, field);
            if (isText(t)) {
                list.add(p.getText());
            } else if (t != JsonToken.VALUE_NULL) {
                throw new BadEvent(BadEvent.name(owner, field) + "[] is not a string");
            }
        }
        return List.copyOf(list);
    }

    /** An object whose every field holds an array of strings, in body order. */
    Map<String, List<String>> stringsByName(JsonToken v, String owner, String field) throws IOException, BadEvent {
        expectObject(v, owner, field);
        String where = BadEvent.name(owner, field);
        Map<String, List<String>> map = new LinkedHashMap<>();
        int n = 0;
        while (nextField()) {
            countElement(++n, field);
            String name = p.currentName();
            map.put(name, strings(p.nextToken(), where, name));
        }
        return map;
    }

    /** Reads {@code {"<inner>": "..."}}, ignoring other fields; null for JSON null. */
    String innerString(JsonToken v, String owner, String field, String inner) throws IOException, BadEvent {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        expectObject(v, owner, field);
        String value = null;
        while (nextField()) {
            JsonToken fv = p.nextToken();
            if (!inner.equals(p.currentName())) {
                p.skipChildren();
            } else if (isText(fv)) {
                value = p.getText();
            } else if (fv == JsonToken.VALUE_NULL) {
                value = null;
            } else {
                throw new BadEvent(BadEvent.name(owner, field) + "." + inner + " is not a string");
            }
        }
        return value;
    }

    /** The string just reached: the element of {@code known} it equals, if any, else its text. */
    String knownText(JsonToken v, String[] known) throws IOException {
        if (v == JsonToken.VALUE_STRING) {
            for (String candidate : known) {
                if (textEquals(candidate)) {
                    return candidate;
                }
            }
        }
        return scalarOrNull(v);
    }

    /** An id-like scalar (for entry ids); anything else is skipped and counts as absent. */
    String scalarOrNull(JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** An integer, or 0 when it is not one or does not fit a long (for entry times). */
    long longOrZero(JsonToken v) throws IOException {
        if (v != JsonToken.VALUE_NUMBER_INT) {
            p.skipChildren();
            return 0;
        }
        try {
            return p.getLongValue();
        } catch (InputCoercionException e) {
            return 0;
        }
    }

    private static boolean isText(JsonToken v) {
        return v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT;
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

    // ---------------------------------------------------------------- raw slices

    /** {@return the byte offset of the token just reached, for a later {@link #raw(long)}} */
    long startOffset() {
        JsonToken t = p.currentToken();
        return offsets != null && t != null && (t.isStructStart() || t.isStructEnd())
                ? offsets.getTokenCharacterOffset() + TOKEN_OFFSET_ADJUSTMENT
                : p.currentTokenLocation().getByteOffset();
    }

    /** The body's bytes from {@code start} up to the end of the token just consumed (at most 64 KiB). */
    String raw(long start) {
        int length = rawLength(start);
        return length <= 0 ? "" : new String(body, (int) start, length, StandardCharsets.UTF_8);
    }

    /**
     * How many bytes {@link #raw(long)} would decode from {@code start} now, without decoding them;
     * 0 when it would return the empty string.
     */
    int rawLength(long start) {
        JsonToken last = p.currentToken();
        long end = offsets != null && (last == JsonToken.END_OBJECT || last == JsonToken.END_ARRAY)
                ? offsets.getTokenCharacterOffset() + TOKEN_OFFSET_ADJUSTMENT + 1
                : p.currentLocation().getByteOffset();
        if (start < 0 || end > body.length || end <= start) {
            return 0;
        }
        return (int) Math.min(end - start, MAX_RAW_CHARS);
    }

    /** The body being read, for values that keep a slice of it instead of a copy. */
    byte[] body() {
        return body;
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
}
