package io.messengerkit.jakarta.cdi;

import io.messengerkit.webhook.WebhookDispatcher;

/**
 * Implement it as a CDI bean to add your own webhook handlers (postbacks, reactions, reads...) to
 * the backend's dispatcher; every such bean is called once when the backend is built.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class PostbackHandlers implements MessengerHandlers {
 *     public void register(WebhookDispatcher.Builder dispatcher) {
 *         dispatcher.onPostback((postback, ctx) -> ctx.reply("You chose " + postback.title()));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MessengerHandlers {
    /**
     * Adds handlers to the dispatcher.
     *
     * @param dispatcher the backend's dispatcher builder
     */
    void register(WebhookDispatcher.Builder dispatcher);
}
