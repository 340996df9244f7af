package io.messengerkit.sample.bot;

import java.util.Objects;

/**
 * One thing the user can tap: a quick reply or a postback button. Tapping sends {@code payload} back.
 *
 * @param title   what the user sees (Messenger cuts quick-reply titles at 20 characters)
 * @param payload what comes back in the webhook, one of {@link RuleBasedBot}'s payload constants
 */
public record Choice(String title, String payload) {

    public Choice {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(payload, "payload");
        if (title.length() > 20) {
            throw new IllegalArgumentException("title over 20 characters: " + title);
        }
    }
}
