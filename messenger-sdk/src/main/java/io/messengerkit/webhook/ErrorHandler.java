package io.messengerkit.webhook;

import io.messengerkit.webhook.event.WebhookEvent;

/**
 * Receives what went wrong while dispatching: a handler's exception, a ledger failure, an
 * unparseable event ({@link WebhookParseException}) or an unparseable body (event null).
 * Exceptions it throws itself are logged and otherwise ignored.
 */
@FunctionalInterface
public interface ErrorHandler {

    /**
     * @param event the event being handled, or null when the whole body could not be parsed
     * @param error what was thrown
     */
    void onError(WebhookEvent event, Throwable error);
}
