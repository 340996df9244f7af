package io.messengerkit.webhook.event;

/**
 * The person reacted to a message, or took a reaction back ({@code reaction}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param reaction e.g. {@code smile}, {@code love}, {@code like}, {@code other}
 * @param emoji the emoji itself, or null
 * @param action {@code react} or {@code unreact}
 * @param mid the message the reaction is on
 */
public record ReactionEvent(Envelope envelope, String reaction, String emoji, String action, String mid)
        implements WebhookEvent {

    /** {@return true for {@code react}, false for {@code unreact}} */
    public boolean isReact() {
        return !"unreact".equals(action);
    }
}
