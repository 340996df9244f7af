package io.messengerkit.send;

import java.util.Objects;

/**
 * A file attachment, by URL or by a saved {@code attachment_id}; exactly one of the two is set.
 *
 * @param type image, audio, video or file
 * @param url where Meta fetches the file, or null
 * @param attachmentId a saved attachment, or null
 * @param reusable ask Meta to save the file and return its {@code attachment_id} (URL only)
 */
public record MediaAttachment(MediaType type, String url, String attachmentId, boolean reusable)
        implements Attachment {

    /** The kind of file. */
    public enum MediaType {
        /** An image. */
        IMAGE,
        /** An audio clip. */
        AUDIO,
        /** A video. */
        VIDEO,
        /** Any other file. */
        FILE
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param type image, audio, video or file
     * @param url where Meta fetches the file, or null
     * @param attachmentId a saved attachment, or null
     * @param reusable ask Meta to save the file and return its {@code attachment_id} (URL only)
     */
    public MediaAttachment {
        Objects.requireNonNull(type, "type");
        if ((url == null) == (attachmentId == null)) {
            throw new InvalidMessageException("a media attachment needs exactly one of url and attachment_id");
        }
        if (url != null && !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new InvalidMessageException("attachment url must be http(s)");
        }
        if (attachmentId != null && attachmentId.isBlank()) {
            throw new InvalidMessageException("attachment_id must not be blank");
        }
        if (attachmentId != null && reusable) {
            throw new InvalidMessageException("is_reusable applies to URL attachments only");
        }
    }

    static MediaAttachment url(MediaType type, String url) {
        return new MediaAttachment(type, Limits.required(url, "attachment url"), null, false);
    }

    /** {@return this attachment, saved by Meta for reuse; the send result then carries its id} */
    public MediaAttachment asReusable() {
        return new MediaAttachment(type, url, attachmentId, true);
    }

    /** {@return true for audio and video, which Meta limits to 10 sends per second per page} */
    public boolean isAudioOrVideo() {
        return type == MediaType.AUDIO || type == MediaType.VIDEO;
    }
}
