package io.messengerkit.webhook;

import io.messengerkit.send.PageMessenger;

/**
 * Finds the Send API client for a page, so handlers can answer without looking up tokens. Typically
 * {@code pageId -> graph.messenger(tokenStore.pageToken(pageId))}. Called at most once per event,
 * and only when a handler actually sends something.
 */
@FunctionalInterface
public interface PageMessengerResolver {

    /**
     * @param pageId the entry id of the event (a Page id, or an Instagram account id)
     * @return the messenger bound to that page's token
     * @throws RuntimeException when no token is known; the handler's send fails with it
     */
    PageMessenger messengerFor(String pageId);
}
