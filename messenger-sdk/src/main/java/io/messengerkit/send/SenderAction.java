package io.messengerkit.send;

import java.util.Locale;

/** What a page shows in a thread without sending a message. */
public enum SenderAction {
    /** Shows the typing bubble. */
    TYPING_ON,
    /** Hides the typing bubble. */
    TYPING_OFF,
    /** Marks the person's last message as seen. */
    MARK_SEEN;

    /** {@return the value on the wire, e.g. {@code typing_on}} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
