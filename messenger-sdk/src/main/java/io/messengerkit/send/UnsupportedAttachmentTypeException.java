package io.messengerkit.send;

/**
 * A file's content type does not fit the attachment type it is sent as (an {@code image} must be
 * {@code image/*}, {@code audio} {@code audio/*}, {@code video} {@code video/*}). Thrown before the
 * upload starts.
 */
public class UnsupportedAttachmentTypeException extends InvalidMessageException {
    private static final long serialVersionUID = 1L;

    /**
     * A mismatch.
     *
     * @param type the attachment type
     * @param contentType the file's content type
     */
    public UnsupportedAttachmentTypeException(MediaAttachment.MediaType type, String contentType) {
        super("a " + type.name().toLowerCase(java.util.Locale.ROOT) + " attachment cannot have content type "
                + contentType);
    }
}
