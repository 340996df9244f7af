package io.messengerkit.send;

import java.util.Objects;

/**
 * A button shown above the composer until the person taps one or the next message arrives. A tap
 * arrives as a message with the quick reply's payload.
 *
 * @param contentType {@code text}, {@code user_phone_number} or {@code user_email}
 * @param title the label (at most 20 characters), required for text quick replies
 * @param payload what comes back on tap (at most 1000 characters), required for text quick replies
 * @param imageUrl an icon, optional
 */
public record QuickReply(ContentType contentType, String title, String payload, String imageUrl) {

    /** The kind of quick reply. */
    public enum ContentType {
        /** A button with a title and a payload. */
        TEXT,
        /** Offers the phone number of the person's profile. */
        USER_PHONE_NUMBER,
        /** Offers the email address of the person's profile. */
        USER_EMAIL
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param contentType {@code text}, {@code user_phone_number} or {@code user_email}
     * @param title the label (at most 20 characters), required for text quick replies
     * @param payload what comes back on tap (at most 1000 characters), required for text quick replies
     * @param imageUrl an icon, optional
     */
    public QuickReply {
        Objects.requireNonNull(contentType, "contentType");
        if (contentType == ContentType.TEXT) {
            if ((title == null || title.isEmpty()) && imageUrl == null) {
                throw new InvalidMessageException("a text quick reply needs a title or an image");
            }
            Limits.required(payload, "quick reply payload");
        }
        Limits.max(title, Limits.QUICK_REPLY_TITLE, "quick reply title");
        Limits.max(payload, Limits.PAYLOAD, "quick reply payload");
    }

    /**
     * {@return a text quick reply}
     *
     * @param title at most 20 characters
     * @param payload sent back with the message, at most 1,000 characters
     */
    public static QuickReply text(String title, String payload) {
        return new QuickReply(ContentType.TEXT, title, payload, null);
    }

    /**
     * Offers the person's phone number from their profile.
     *
     * @return the quick reply
     */
    public static QuickReply userPhoneNumber() {
        return new QuickReply(ContentType.USER_PHONE_NUMBER, null, null, null);
    }

    /**
     * Offers the person's email address from their profile.
     *
     * @return the quick reply
     */
    public static QuickReply userEmail() {
        return new QuickReply(ContentType.USER_EMAIL, null, null, null);
    }

    /**
     * {@return this quick reply with an icon}
     *
     * @param url a public image URL
     */
    public QuickReply withImage(String url) {
        return new QuickReply(contentType, title, payload, url);
    }
}
