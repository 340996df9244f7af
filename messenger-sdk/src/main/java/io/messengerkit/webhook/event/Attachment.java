package io.messengerkit.webhook.event;

/**
 * An attachment of an inbound message or echo.
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
public record Attachment(
        String type,
        String url,
        String stickerId,
        String title,
        Double latitude,
        Double longitude,
        String payloadJson,
        String videoId) {

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
}
