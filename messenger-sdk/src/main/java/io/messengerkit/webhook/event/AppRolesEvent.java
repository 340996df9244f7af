package io.messengerkit.webhook.event;

import java.util.List;
import java.util.Map;

/**
 * The page changed the apps' handover roles ({@code app_roles}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param roles app id to its roles, e.g. {@code primary_receiver}, {@code secondary_receiver}
 */
public record AppRolesEvent(Envelope envelope, Map<String, List<String>> roles) implements WebhookEvent {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param roles app id to its roles, e.g. {@code primary_receiver}, {@code secondary_receiver}
     */
    public AppRolesEvent {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
}
