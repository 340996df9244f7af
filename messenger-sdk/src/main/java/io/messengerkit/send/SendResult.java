package io.messengerkit.send;

import java.util.Optional;

/**
 * What the Send API answered.
 *
 * @param recipientId the PSID; empty for {@code user_ref} recipients, where Meta omits it
 * @param messageId the new message's {@code mid}; empty for sender actions
 * @param attachmentId the saved attachment's id when the attachment was sent as reusable
 */
public record SendResult(Optional<String> recipientId, Optional<String> messageId, Optional<String> attachmentId) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param recipientId the PSID; empty for {@code user_ref} recipients, where Meta omits it
     * @param messageId the new message's {@code mid}; empty for sender actions
     * @param attachmentId the saved attachment's id when the attachment was sent as reusable
     */
    public SendResult {
        recipientId = recipientId == null ? Optional.empty() : recipientId;
        messageId = messageId == null ? Optional.empty() : messageId;
        attachmentId = attachmentId == null ? Optional.empty() : attachmentId;
    }
}
