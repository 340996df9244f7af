package io.messengerkit.send;

/** How the recipient's phone announces a message; {@link #REGULAR} when not set. */
public enum NotificationType {
    REGULAR,
    SILENT_PUSH,
    NO_PUSH
}
