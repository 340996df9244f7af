package io.messengerkit.webhook.event;

import java.util.List;
import java.util.Map;

/**
 * The page changed the apps' handover roles ({@code app_roles}).
 *
 * @param roles app id to its roles, e.g. {@code primary_receiver}, {@code secondary_receiver}
 */
public record AppRolesEvent(Envelope envelope, Map<String, List<String>> roles) implements WebhookEvent {
    public AppRolesEvent {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
}
