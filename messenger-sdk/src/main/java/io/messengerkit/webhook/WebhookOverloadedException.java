package io.messengerkit.webhook;

import io.messengerkit.MessengerException;

/**
 * The dispatcher holds as many pending events as it was configured to, and waited in vain for
 * room: nothing of the delivery was dispatched. Answer the webhook with 503 (Meta retries), or keep
 * the delivery in the inbox and try again later.
 */
public final class WebhookOverloadedException extends MessengerException {
    private static final long serialVersionUID = 1L;

    WebhookOverloadedException(String message) {
        super(message);
    }
}
