package io.messengerkit.webhook;

import io.messengerkit.webhook.event.WebhookEvent;

/**
 * Handles one kind of webhook event. Runs on the dispatcher's executor, one event of a
 * conversation at a time; anything it throws goes to the error hook and the event counts as
 * failed (it is handled again if Meta or an inbox redelivers it).
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends WebhookEvent> {

    /**
     * Handles the event; use the context to answer.
     *
     * @param event the event
     * @param context answers on the event's page
     * @throws Exception anything; it reaches the error hook and the event counts as failed
     */
    void handle(E event, EventContext context) throws Exception;
}
