package io.messengerkit.graph;

import java.util.List;

/**
 * An app subscribed to a page's webhooks, from {@code GET /{page-id}/subscribed_apps}.
 *
 * @param appId the app's id
 * @param name the app's name, when given
 * @param subscribedFields the webhook fields the app receives for this page
 */
public record SubscribedApp(String appId, String name, List<String> subscribedFields) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param appId the app's id
     * @param name the app's name, when given
     * @param subscribedFields the webhook fields the app receives for this page
     */
    public SubscribedApp {
        subscribedFields = subscribedFields == null ? List.of() : List.copyOf(subscribedFields);
    }
}
