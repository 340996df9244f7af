package io.messengerkit.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.io.IOException;

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
 *   <li>An attachment's raw {@code payload} is kept as a slice of the body and decoded on the first
 *       call of {@link io.messengerkit.webhook.event.Attachment#payloadJson()}; until the attachment
 *       is dropped it keeps the body array reachable (do not change the array after parsing).</li>
 *   <li>An item whose shape is broken becomes an {@link UnparseableEvent} in its place; its
 *       neighbours are unaffected.</li>
 *   <li>An item lacking the sender (or, for an echo, the recipient) its kind needs is an
 *       {@link UnparseableEvent} too. {@code changes[]} items become
 *       {@link io.messengerkit.webhook.event.ChangeEvent}s, their time in epoch milliseconds.</li>
 *   <li>A body that is not JSON, exceeds {@link Builder#maxBodyBytes(int)}, nests deeper than
 *       {@link Builder#maxNestingDepth(int)}, holds more than {@link Builder#maxEvents(int)} events
 *       or has an array with more than {@link Builder#maxArrayElements(int)} elements fails with
 *       {@link WebhookParseException}; reading stops at the first element past a cap, so such a
 *       body costs no more than the cap's worth of work. No other exception leaves
 *       {@link #parse(byte[])}.</li>
 * </ul>
 * Numbers and ids are accepted as JSON numbers or strings (Meta documents both). Instances are
 * immutable and thread-safe; share one.
 */
public final class WebhookParser {
    /** Default body limit: 8 MiB, room for a full 1,000-update batch. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
    /** Default nesting limit; real deliveries (templates in echoes included) stay well below it. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    /** Default cap on events per delivery: Meta sends at most 1,000 updates in one. */
    public static final int DEFAULT_MAX_EVENTS = 1_000;
    /**
     * Default cap on the elements of any one array the parser reads ({@code entry}, {@code messaging},
     * {@code attachments}, {@code mids}, ...): no real delivery comes near it.
     */
    public static final int DEFAULT_MAX_ARRAY_ELEMENTS = 1_000;

    private static final WebhookParser DEFAULTS = builder().build();

    private final JsonFactory factory;
    private final int maxBodyBytes;
    private final int maxNestingDepth;
    private final int maxEvents;
    private final int maxArrayElements;
    /**
     * Each thread's reader, reused parse after parse so that a parse allocates little beyond the
     * events it returns; a reader holds nothing of a body once its parse has returned.
     */
    private final ThreadLocal<BatchReader> readers = ThreadLocal.withInitial(this::newReader);

    private WebhookParser(Builder builder) {
        this.maxBodyBytes = builder.maxBodyBytes;
        this.maxNestingDepth = builder.maxNestingDepth;
        this.maxEvents = builder.maxEvents;
        this.maxArrayElements = builder.maxArrayElements;
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

    /** {@return the configured cap on events per delivery} */
    public int maxEvents() {
        return maxEvents;
    }

    /** {@return the configured cap on elements per array} */
    public int maxArrayElements() {
        return maxArrayElements;
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
        BatchReader reader = readers.get();
        if (!reader.claim()) {
            // A parse within a parse on this thread: a reader of its own.
            reader = newReader();
            reader.claim();
        }
        try (JsonParser parser = factory.createParser(body)) {
            reader.cursor().open(parser, body);
            return reader.read();
        } catch (WebhookParseException e) {
            throw e;
        } catch (StreamConstraintsException e) {
            // Jackson's message names the limit that was hit (nesting depth, number length, ...).
            throw new WebhookParseException("webhook body exceeds a parser limit: " + shorten(e.getOriginalMessage()), e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new WebhookParseException("webhook body is not valid JSON" + where + ": "
                    + shorten(e.getOriginalMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new WebhookParseException("webhook body could not be parsed: " + e.getClass().getSimpleName(), e);
        } finally {
            reader.release();
        }
    }

    private BatchReader newReader() {
        return new BatchReader(new JsonCursor(factory, maxArrayElements), maxEvents);
    }

    /** Whether raw JSON slices are located without allocating (true on the Jackson version this SDK pins). */
    static boolean allocationFreeOffsets() {
        return JsonCursor.allocationFreeOffsets();
    }

    private static String shorten(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.length() <= 160 ? first : first.substring(0, 160) + "...";
    }

    /** Limits for {@link WebhookParser}. */
    public static final class Builder {
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
        private int maxEvents = DEFAULT_MAX_EVENTS;
        private int maxArrayElements = DEFAULT_MAX_ARRAY_ELEMENTS;

        private Builder() {
        }

        /**
         * Bodies with more events than this ({@code messaging[]}, {@code standby[]} and
         * {@code changes[]} items over all entries) are rejected as a whole.
         *
         * @param maxEvents the most events accepted in one delivery, at least 1
         * @return this builder
         */
        public Builder maxEvents(int maxEvents) {
            if (maxEvents < 1) {
                throw new IllegalArgumentException("maxEvents must be at least 1");
            }
            this.maxEvents = maxEvents;
            return this;
        }

        /**
         * Bodies with an array (of entries, events, attachments, ids, ...) longer than this are
         * rejected as a whole.
         *
         * @param maxArrayElements the most elements accepted in one array, at least 1
         * @return this builder
         */
        public Builder maxArrayElements(int maxArrayElements) {
            if (maxArrayElements < 1) {
                throw new IllegalArgumentException("maxArrayElements must be at least 1");
            }
            this.maxArrayElements = maxArrayElements;
            return this;
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
