package io.messengerkit.metrics;

import io.messengerkit.webhook.event.WebhookEvent;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Names webhook events by kind for metrics: {@code MessageEvent} is {@code message}, {@code MessageEditEvent} {@code message_edit}. */
public final class EventKinds {
    private static final Map<Class<?>, String> NAMES = new ConcurrentHashMap<>();

    private EventKinds() {
    }

    /**
     * {@return the kind of {@code event}: its class's simple name without {@code Event}, in snake case}
     *
     * @param event an event
     */
    public static String of(WebhookEvent event) {
        return NAMES.computeIfAbsent(event.getClass(), EventKinds::name);
    }

    private static String name(Class<?> type) {
        String simple = type.getSimpleName().replaceFirst("Event$", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
