package io.messengerkit.send;

/**
 * A send that Instagram does not support, refused before any call is made: a template type or
 * button Instagram does not render, text over 1,000 bytes, a sender action, recipient kind, tag or
 * persona the Instagram Send API does not take.
 */
public class UnsupportedOnInstagramException extends InvalidMessageException {
    private static final long serialVersionUID = 1L;

    /** The feature that was refused, e.g. {@code "button template"} or {@code "sender_action react"}. */
    private final String feature;

    /**
     * Creates the exception.
     *
     * @param feature the feature Instagram does not support, named as on the wire where possible
     * @param message why it was refused
     */
    public UnsupportedOnInstagramException(String feature, String message) {
        super(message);
        this.feature = feature;
    }

    /** {@return the refused feature, named as on the wire where possible} */
    public String feature() {
        return feature;
    }
}
