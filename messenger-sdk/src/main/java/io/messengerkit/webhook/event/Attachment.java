package io.messengerkit.webhook.event;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An attachment of an inbound message or echo. Immutable and thread-safe; compares, hashes and
 * prints by its eight values like a record with the components below.
 *
 * <p>An attachment the webhook parser made keeps its raw {@code payload} as a slice of the
 * delivery's body and decodes it into a string only when {@link #payloadJson()} is first called,
 * so a message whose payload is never looked at costs no copy of it; such an attachment keeps the
 * body it came from reachable for as long as it lives itself.
 *
 * <p>This type was a record before its payload became lazy; its public constructors and accessors are
 * unchanged (only record patterns over it no longer apply).
 */
public final class Attachment {
    private final String type;
    private final String url;
    private final String stickerId;
    private final String title;
    private final Double latitude;
    private final Double longitude;
    private final String videoId;
    /** The body holding the raw payload, or null when the payload was given as a string (or is absent). */
    private final byte[] source;
    private final int payloadStart;
    private final int payloadLength;
    /**
     * The payload as a string: given, or decoded from {@link #source} on first use. A racy cache: two
     * threads may both decode it, and either equal string may be kept.
     */
    private String payloadJson;

    /**
     * An attachment.
     *
     * @param type the wire type ({@code image}, {@code video}, {@code audio}, {@code file},
     *     {@code sticker}, {@code template}, {@code fallback}, {@code location}, {@code reel},
     *     {@code ig_reel}, {@code story_mention}, {@code ig_post}, ... or anything newer)
     * @param url {@code payload.url}, or null
     * @param stickerId {@code payload.sticker_id}, or null
     * @param title {@code title} or {@code payload.title}, or null
     * @param latitude {@code payload.coordinates.lat} for legacy location attachments, or null
     * @param longitude {@code payload.coordinates.long} for legacy location attachments, or null
     * @param payloadJson the raw {@code payload} object as JSON (templates, new types), or null when absent
     * @param videoId {@code payload.reel_video_id} of a {@code reel} or {@code ig_reel} attachment: the
     *     shared reel's video id, or null
     */
    public Attachment(String type, String url, String stickerId, String title, Double latitude, Double longitude,
            String payloadJson, String videoId) {
        this(type, url, stickerId, title, latitude, longitude, null, 0, 0, videoId);
        this.payloadJson = payloadJson;
    }

    /**
     * An attachment without a reel video id.
     *
     * @param type the wire type
     * @param url {@code payload.url}, or null
     * @param stickerId {@code payload.sticker_id}, or null
     * @param title {@code title} or {@code payload.title}, or null
     * @param latitude {@code payload.coordinates.lat}, or null
     * @param longitude {@code payload.coordinates.long}, or null
     * @param payloadJson the raw {@code payload} object as JSON, or null
     */
    public Attachment(String type, String url, String stickerId, String title, Double latitude, Double longitude,
            String payloadJson) {
        this(type, url, stickerId, title, latitude, longitude, payloadJson, null);
    }

    /**
     * The parser's attachment, whose payload is the UTF-8 text at {@code source[start, start + length)}
     * (reached by the webhook parser through a method handle; not API).
     */
    private Attachment(String type, String url, String stickerId, String title, Double latitude, Double longitude,
            byte[] source, int start, int length, String videoId) {
        this.type = type;
        this.url = url;
        this.stickerId = stickerId;
        this.title = title;
        this.latitude = latitude;
        this.longitude = longitude;
        this.source = source;
        this.payloadStart = start;
        this.payloadLength = length;
        this.videoId = videoId;
    }

    /** Used by the webhook parser only, through a method handle. */
    @SuppressWarnings("unused")
    private static Attachment fromBody(String type, String url, String stickerId, String title, Double latitude,
            Double longitude, byte[] source, int start, int length, String videoId) {
        Objects.checkFromIndexSize(start, length, source.length);
        return new Attachment(type, url, stickerId, title, latitude, longitude, source, start, length, videoId);
    }

    /** {@return the wire type, or null} */
    public String type() {
        return type;
    }

    /** {@return {@code payload.url}, or null} */
    public String url() {
        return url;
    }

    /** {@return {@code payload.sticker_id}, or null} */
    public String stickerId() {
        return stickerId;
    }

    /** {@return {@code title} or {@code payload.title}, or null} */
    public String title() {
        return title;
    }

    /** {@return {@code payload.coordinates.lat} for legacy location attachments, or null} */
    public Double latitude() {
        return latitude;
    }

    /** {@return {@code payload.coordinates.long} for legacy location attachments, or null} */
    public Double longitude() {
        return longitude;
    }

    /**
     * The raw {@code payload} object as JSON (templates, new types), exactly as it came in the body;
     * decoded on the first call when the parser made this attachment.
     *
     * @return the payload's JSON text, or null when absent
     */
    public String payloadJson() {
        String json = payloadJson;
        if (json == null && source != null) {
            json = new String(source, payloadStart, payloadLength, StandardCharsets.UTF_8);
            payloadJson = json;
        }
        return json;
    }

    /** {@return {@code payload.reel_video_id} of a {@code reel} or {@code ig_reel} attachment, or null} */
    public String videoId() {
        return videoId;
    }

    /**
     * True for stickers: type {@code sticker}, or, as sent before 2026-08-30, an {@code image}
     * with a {@code sticker_id}.
     *
     * @return true for a sticker, in the old or the new form
     */
    public boolean isSticker() {
        return "sticker".equals(type) || ("image".equals(type) && stickerId != null);
    }

    /** {@return true for an Instagram story mention ({@code story_mention}): the URL dies with the story} */
    public boolean isStoryMention() {
        return "story_mention".equals(type);
    }

    /**
     * True for content shared into an Instagram conversation: a post ({@code share}, {@code ig_post}),
     * a reel ({@code reel}, {@code ig_reel}) or a story ({@code story}, {@code ig_story}).
     *
     * @return true for a shared post, reel or story
     */
    public boolean isShare() {
        return switch (type == null ? "" : type) {
            case "share", "ig_post", "reel", "ig_reel", "story", "ig_story" -> true;
            default -> false;
        };
    }

    /** Equal when all eight values are (the payload compared as text, however it is held). */
    @Override
    public boolean equals(Object other) {
        return other == this || (other instanceof Attachment that
                && Objects.equals(type, that.type) && Objects.equals(url, that.url)
                && Objects.equals(stickerId, that.stickerId) && Objects.equals(title, that.title)
                && Objects.equals(latitude, that.latitude) && Objects.equals(longitude, that.longitude)
                && Objects.equals(payloadJson(), that.payloadJson()) && Objects.equals(videoId, that.videoId));
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(type);
        h = 31 * h + Objects.hashCode(url);
        h = 31 * h + Objects.hashCode(stickerId);
        h = 31 * h + Objects.hashCode(title);
        h = 31 * h + Objects.hashCode(latitude);
        h = 31 * h + Objects.hashCode(longitude);
        h = 31 * h + Objects.hashCode(payloadJson());
        return 31 * h + Objects.hashCode(videoId);
    }

    /** The values in the form a record prints them: {@code Attachment[type=image, url=..., ...]}. */
    @Override
    public String toString() {
        return "Attachment[type=" + type + ", url=" + url + ", stickerId=" + stickerId + ", title=" + title
                + ", latitude=" + latitude + ", longitude=" + longitude + ", payloadJson=" + payloadJson()
                + ", videoId=" + videoId + "]";
    }
}
