package io.messengerkit.send;

/**
 * A button in a template or the persistent menu. Titles are at most 20 characters.
 */
public sealed interface Button permits Button.Url, Button.Postback, Button.Call {

    /** {@return the label} */
    String title();

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
}
