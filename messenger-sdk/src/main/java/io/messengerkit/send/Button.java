package io.messengerkit.send;

/**
 * A button in a template or the persistent menu. Titles are at most 20 characters. Every button
 * type Meta documents is here: {@code web_url}, {@code postback}, {@code phone_number},
 * {@code account_link}, {@code account_unlink} and {@code game_play}.
 */
public sealed interface Button permits Button.Url, Button.Postback, Button.Call, Button.AccountLink,
        Button.AccountUnlink, Button.GamePlay {

    /** {@return the label, or null for the account link and unlink buttons, which Messenger labels itself} */
    String title();

    /**
     * {@return a Log In button that opens the account linking flow at {@code url}}
     *
     * @param url the https login page of the business
     */
    static AccountLink accountLink(String url) {
        return new AccountLink(url);
    }

    /** {@return a Log Out button that unlinks the person's account} */
    static AccountUnlink accountUnlink() {
        return new AccountUnlink();
    }

    /**
     * {@return a button that starts an Instant Game}
     *
     * @param title the button label
     * @param payload handed to the game, or null
     * @param playerId a player to play against, or null
     * @param contextId a game context to join, or null
     */
    static GamePlay gamePlay(String title, String payload, String playerId, String contextId) {
        return new GamePlay(title, payload, playerId, contextId);
    }

    /**
     * Opens a web page.
     *
     * @param title the button label
     * @param url the page to open
     * @return the button
     */
    static Url url(String title, String url) {
        return new Url(title, url);
    }

    /**
     * Sends {@code payload} back to the page as a postback event.
     *
     * @param title the button label
     * @param payload sent back with the postback
     * @return the button
     */
    static Postback postback(String title, String payload) {
        return new Postback(title, payload);
    }

    /**
     * Dials a phone number (format {@code +15105551234}).
     *
     * @param title the button label
     * @param phoneNumber the number to call, with its country code
     * @return the button
     */
    static Call call(String title, String phoneNumber) {
        return new Call(title, phoneNumber);
    }

    /**
     * A {@code web_url} button.
     *
     * @param title label, at most 20 characters
     * @param url http(s) URL to open
     */
    record Url(String title, String url) implements Button {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title label, at most 20 characters
         * @param url http(s) URL to open
         */
        public Url {
            Limits.max(Limits.required(title, "button title"), Limits.BUTTON_TITLE, "button title");
            Limits.required(url, "button url");
            if (!(url.startsWith("https://") || url.startsWith("http://"))) {
                throw new InvalidMessageException("button url must be http(s)");
            }
        }
    }

    /**
     * A {@code postback} button.
     *
     * @param title label, at most 20 characters
     * @param payload what comes back, at most 1000 characters
     */
    record Postback(String title, String payload) implements Button {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title label, at most 20 characters
         * @param payload what comes back, at most 1000 characters
         */
        public Postback {
            Limits.max(Limits.required(title, "button title"), Limits.BUTTON_TITLE, "button title");
            Limits.max(Limits.required(payload, "button payload"), Limits.PAYLOAD, "button payload");
        }
    }

    /**
     * A {@code phone_number} button.
     *
     * @param title label, at most 20 characters
     * @param phoneNumber number with country code, starting with {@code +}
     */
    record Call(String title, String phoneNumber) implements Button {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title label, at most 20 characters
         * @param phoneNumber number with country code, starting with {@code +}
         */
        public Call {
            Limits.max(Limits.required(title, "button title"), Limits.BUTTON_TITLE, "button title");
            if (phoneNumber == null || !phoneNumber.matches("\\+\\d{4,20}")) {
                throw new InvalidMessageException("phone number must look like +15105551234");
            }
        }
    }

    /**
     * An {@code account_link} button (Log In). Messenger sets its label.
     *
     * @param url the https page where the person logs in
     */
    record AccountLink(String url) implements Button {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param url the https page where the person logs in
         */
        public AccountLink {
            Limits.required(url, "account link url");
            if (!url.startsWith("https://")) {
                throw new InvalidMessageException("account link url must be https");
            }
        }

        @Override
        public String title() {
            return null;
        }
    }

    /** An {@code account_unlink} button (Log Out). Messenger sets its label. */
    record AccountUnlink() implements Button {
        @Override
        public String title() {
            return null;
        }
    }

    /**
     * A {@code game_play} button.
     *
     * @param title label, at most 20 characters
     * @param payload handed to the game, or null
     * @param playerId a player to play against, or null
     * @param contextId a game context, or null; at most one of player and context
     */
    record GamePlay(String title, String payload, String playerId, String contextId) implements Button {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param title label, at most 20 characters
         * @param payload handed to the game, or null
         * @param playerId a player to play against, or null
         * @param contextId a game context, or null; at most one of player and context
         */
        public GamePlay {
            Limits.max(Limits.required(title, "button title"), Limits.BUTTON_TITLE, "button title");
            Limits.max(payload, Limits.PAYLOAD, "game payload");
            if (playerId != null && contextId != null) {
                throw new InvalidMessageException("a game_play button names a player or a context, not both");
            }
        }
    }
}
