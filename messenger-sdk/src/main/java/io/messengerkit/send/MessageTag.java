package io.messengerkit.send;

import java.util.Objects;

/**
 * A message tag, for sends outside the standard messaging window. An open set: the constants are
 * the tags Meta has documented, and {@link #of(String)} accepts any other, because Meta adds and
 * retires tags between SDK releases. A retired tag fails on send with
 * {@code InvalidRequestException} (code 100, package {@code io.messengerkit.graph}).
 *
 * @param value the tag as sent, e.g. {@code HUMAN_AGENT}
 */
public record MessageTag(String value) {
    /** A human agent answers within 7 days of the person's last message (needs App Review). */
    public static final MessageTag HUMAN_AGENT = new MessageTag("HUMAN_AGENT");
    /**
     * A {@link CustomerFeedbackTemplate} up to 7 days after the person's last message; Meta refuses
     * it on any other message.
     */
    public static final MessageTag CUSTOMER_FEEDBACK = new MessageTag("CUSTOMER_FEEDBACK");
    /** Reported retired in 2026; kept so old code compiles and fails clearly on send. */
    public static final MessageTag CONFIRMED_EVENT_UPDATE = new MessageTag("CONFIRMED_EVENT_UPDATE");
    /** Reported retired in 2026; kept so old code compiles and fails clearly on send. */
    public static final MessageTag POST_PURCHASE_UPDATE = new MessageTag("POST_PURCHASE_UPDATE");
    /** Reported retired in 2026; kept so old code compiles and fails clearly on send. */
    public static final MessageTag ACCOUNT_UPDATE = new MessageTag("ACCOUNT_UPDATE");

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param value the tag as sent, e.g. {@code HUMAN_AGENT}
     */
    public MessageTag {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[A-Z][A-Z0-9_]{0,63}")) {
            throw new InvalidMessageException("a message tag is upper case letters, digits and '_', got '"
                    + value + "'");
        }
    }

    /**
     * {@return any tag by name}
     *
     * @param value the tag's name as Meta spells it
     */
    public static MessageTag of(String value) {
        return new MessageTag(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
