package io.messengerkit.graph;

/**
 * An app that may receive this Page's conversations, from {@code GET /me/secondary_receivers}.
 *
 * @param appId the app's id
 * @param name the app's name, or null
 */
public record SecondaryReceiver(String appId, String name) {
}
