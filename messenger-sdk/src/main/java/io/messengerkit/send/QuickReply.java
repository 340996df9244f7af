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
        TEXT, USER_PHONE_NUMBER, USER_EMAIL
    }

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

    /** A text quick reply. */
    public static QuickReply text(String title, String payload) {
        return new QuickReply(ContentType.TEXT, title, payload, null);
    }

    /** Offers the person's phone number from their profile. */
    public static QuickReply userPhoneNumber() {
        return new QuickReply(ContentType.USER_PHONE_NUMBER, null, null, null);
    }

    /** Offers the person's email address from their profile. */
    public static QuickReply userEmail() {
        return new QuickReply(ContentType.USER_EMAIL, null, null, null);
    }

    /** This quick reply with an icon. */
    public QuickReply withImage(String url) {
        return new QuickReply(contentType, title, payload, url);
    }
}
