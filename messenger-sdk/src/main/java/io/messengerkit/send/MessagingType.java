package io.messengerkit.send;

/**
 * Why a message is sent; Meta requires it on every send.
 *
 * <ul>
 *   <li>{@link #RESPONSE}: a reply inside the standard messaging window (the default).</li>
 *   <li>{@link #UPDATE}: a proactive message inside the window.</li>
 *   <li>{@link #MESSAGE_TAG}: outside the window, with a {@link MessageTag} that allows it.</li>
 * </ul>
 */
public enum MessagingType {
    /** A reply inside the standard messaging window. */
    RESPONSE,
    /** A proactive message inside the window. */
    UPDATE,
    /** Outside the window, with a tag. */
    MESSAGE_TAG
}
