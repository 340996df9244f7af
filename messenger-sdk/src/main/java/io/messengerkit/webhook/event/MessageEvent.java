package io.messengerkit.webhook.event;

import java.util.List;

/**
 * A message a person sent to the page ({@code messaging[].message} without {@code is_echo}).
 * Quick-reply taps arrive here, with {@link #quickReplyPayload()} set.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param mid the message id
 * @param text the text, or null for attachment-only messages
 * @param quickReplyPayload {@code quick_reply.payload} when the person tapped a quick reply, else null
 * @param replyToMid {@code reply_to.mid} when the person replied to an earlier message, else null
 * @param attachments attachments in order (empty when none)
 * @param deleted {@code is_deleted}: the person deleted the message (Instagram)
 * @param unsupported {@code is_unsupported}: content the platform cannot deliver (Instagram)
 * @param referral the ad or link that started the conversation, when Meta sends one with the first
 *     message (Click-to-Messenger ads), else null
 * @param replyToStory {@code reply_to.story} when the person replied to an Instagram story, else null
 */
public record MessageEvent(
        Envelope envelope,
        String mid,
        String text,
        String quickReplyPayload,
        String replyToMid,
        List<Attachment> attachments,
        boolean deleted,
        boolean unsupported,
        Referral referral,
        Story replyToStory) implements WebhookEvent {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param mid the message id
     * @param text the text, or null for attachment-only messages
     * @param quickReplyPayload {@code quick_reply.payload} when the person tapped a quick reply, else null
     * @param replyToMid {@code reply_to.mid} when the person replied to an earlier message, else null
     * @param attachments attachments in order (empty when none)
     * @param deleted {@code is_deleted}: the person deleted the message (Instagram)
     * @param unsupported {@code is_unsupported}: content the platform cannot deliver (Instagram)
     * @param referral the ad or link that started the conversation, when Meta sends one with the first message (Click-to-Messenger ads), else null
     * @param replyToStory {@code reply_to.story} when the person replied to an Instagram story, else null
     */
    public MessageEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * A message that does not reply to a story.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param mid the message id
     * @param text the text, or null for attachment-only messages
     * @param quickReplyPayload {@code quick_reply.payload}, or null
     * @param replyToMid {@code reply_to.mid}, or null
     * @param attachments attachments in order
     * @param deleted {@code is_deleted}
     * @param unsupported {@code is_unsupported}
     * @param referral the ad or link that started the conversation, or null
     */
    public MessageEvent(Envelope envelope, String mid, String text, String quickReplyPayload, String replyToMid,
            List<Attachment> attachments, boolean deleted, boolean unsupported, Referral referral) {
        this(envelope, mid, text, quickReplyPayload, replyToMid, attachments, deleted, unsupported, referral, null);
    }

    /**
     * A message without referral.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param mid the message id
     * @param text the text, or null for attachment-only messages
     * @param quickReplyPayload {@code quick_reply.payload}, or null
     * @param replyToMid {@code reply_to.mid}, or null
     * @param attachments attachments in order
     * @param deleted {@code is_deleted}
     * @param unsupported {@code is_unsupported}
     */
    public MessageEvent(Envelope envelope, String mid, String text, String quickReplyPayload, String replyToMid,
            List<Attachment> attachments, boolean deleted, boolean unsupported) {
        this(envelope, mid, text, quickReplyPayload, replyToMid, attachments, deleted, unsupported, null, null);
    }

    /** {@return true when the message is a quick-reply tap} */
    public boolean isQuickReply() {
        return quickReplyPayload != null;
    }

    /** {@return true when the person replied to an Instagram story ({@code reply_to.story})} */
    public boolean isStoryReply() {
        return replyToStory != null;
    }

    /** {@return true when the person mentioned the account in their Instagram story} */
    public boolean isStoryMention() {
        return attachments.stream().anyMatch(Attachment::isStoryMention);
    }

    /** {@return true when the person shared a post, reel or story into the conversation} */
    public boolean isShare() {
        return attachments.stream().anyMatch(Attachment::isShare);
    }
}
