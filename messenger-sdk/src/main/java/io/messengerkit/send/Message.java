package io.messengerkit.send;

import java.util.List;

/**
 * The content of one message: text or an attachment, optional quick replies and metadata. Limits
 * are checked here, so an over-long text fails before any request is made.
 *
 * @param text at most 2000 characters, or null when there is an attachment
 * @param attachment a file or template, or null when there is text
 * @param quickReplies at most 13
 * @param metadata echoed back in the message echo, at most 1000 characters, or null
 */
public record Message(String text, Attachment attachment, List<QuickReply> quickReplies, String metadata) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param text at most 2000 characters, or null when there is an attachment
     * @param attachment a file or template, or null when there is text
     * @param quickReplies at most 13
     * @param metadata echoed back in the message echo, at most 1000 characters, or null
     */
    public Message {
        if ((text == null) == (attachment == null)) {
            throw new InvalidMessageException("a message needs exactly one of text and attachment");
        }
        if (text != null) {
            Limits.max(Limits.required(text, "message text"), Limits.TEXT, "message text");
        }
        quickReplies = Limits.list(quickReplies, 0, Limits.QUICK_REPLIES, "quick replies");
        Limits.max(metadata, Limits.METADATA, "message metadata");
    }

    /**
     * {@return a text message}
     *
     * @param text at most 2,000 characters
     */
    public static Message text(String text) {
        return new Message(text, null, List.of(), null);
    }

    /**
     * {@return a message carrying an attachment}
     *
     * @param attachment the attachment
     */
    public static Message of(Attachment attachment) {
        return new Message(null, attachment, List.of(), null);
    }

    /**
     * {@return this message with the given quick replies}
     *
     * @param replies at most 13
     */
    public Message withQuickReplies(List<QuickReply> replies) {
        return new Message(text, attachment, replies, metadata);
    }

    /**
     * {@return this message with the given quick replies}
     *
     * @param replies at most 13
     */
    public Message withQuickReplies(QuickReply... replies) {
        return withQuickReplies(List.of(replies));
    }

    /**
     * {@return this message with metadata delivered back in the echo}
     *
     * @param metadata at most 1,000 characters, returned in the echo
     */
    public Message withMetadata(String metadata) {
        return new Message(text, attachment, quickReplies, metadata);
    }

    /** {@return true when the message carries audio or video, a video media template included (Meta's lower rate applies)} */
    public boolean isAudioOrVideo() {
        return attachment instanceof MediaAttachment m && m.isAudioOrVideo()
                || attachment instanceof TemplateAttachment t && t.template() instanceof MediaTemplate mt
                        && mt.mediaType() == MediaTemplate.MediaType.VIDEO;
    }
}
