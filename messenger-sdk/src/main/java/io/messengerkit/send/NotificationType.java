package io.messengerkit.send;

/** How the recipient's phone announces a message; {@link #REGULAR} when not set. */
public enum NotificationType {
    /** Sound or vibration. */
    REGULAR,
    /** A notification without sound. */
    SILENT_PUSH,
    /** No notification. */
    NO_PUSH
}
