package io.messengerkit.graph;

import io.messengerkit.send.Attachment;
import io.messengerkit.send.MediaAttachment;
import java.util.Objects;

/**
 * A file saved by the Attachment Upload API. The id is private to the Page that uploaded it and
 * lasts 90 days; send it as often as needed with {@link #asAttachment()}.
 *
 * @param attachmentId Meta's {@code attachment_id}
 * @param type what was uploaded
 */
public record UploadedAttachment(String attachmentId, MediaAttachment.MediaType type) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param attachmentId Meta's {@code attachment_id}
     * @param type what was uploaded
     */
    public UploadedAttachment {
        Objects.requireNonNull(attachmentId, "attachmentId");
        Objects.requireNonNull(type, "type");
    }

    /** {@return the attachment to put in a message} */
    public MediaAttachment asAttachment() {
        return Attachment.saved(type, attachmentId);
    }
}
