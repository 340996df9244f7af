package io.messengerkit.testkit.trigger;

import io.messengerkit.testkit.json.MetaStyleJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole webhook delivery: {@code {"object":"page","entry":[...]}}. Events for several pages
 * become several entries, each with its own {@code messaging} array, as in Meta's batches.
 */
public final class WebhookPayload {
    private final String object;
    private final String arrayName;
    private final List<WebhookEvent> events;

    private WebhookPayload(String object, String arrayName, List<WebhookEvent> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a delivery carries at least one event");
        }
        this.object = object;
        this.arrayName = arrayName;
        this.events = List.copyOf(events);
    }

    /** A {@code page} delivery holding the events, grouped into one entry per page in first-seen order. */
    public static WebhookPayload of(WebhookEvent... events) {
        return new WebhookPayload("page", "messaging", List.of(events));
    }

    /** Same as {@link #of(WebhookEvent...)} for a list. */
    public static WebhookPayload of(List<WebhookEvent> events) {
        return new WebhookPayload("page", "messaging", events);
    }

    /**
     * The same events as a secondary receiver gets them when another app owns the thread
     * (Handover / Conversation Routing): in each entry's {@code standby} array instead of
     * {@code messaging}.
     */
    public WebhookPayload asStandby() {
        return new WebhookPayload(object, "standby", events);
    }

    /** The same events as an Instagram delivery: {@code "object":"instagram"}, entry ids are account ids. */
    public WebhookPayload asInstagram() {
        return new WebhookPayload("instagram", arrayName, events);
    }

    /** The events in the order they were given. */
    public List<WebhookEvent> events() {
        return events;
    }

    /** The payload as an ordered map. */
    public Map<String, Object> toMap() {
        Map<String, List<WebhookEvent>> byPage = new LinkedHashMap<>();
        for (WebhookEvent event : events) {
            byPage.computeIfAbsent(event.pageId(), k -> new ArrayList<>()).add(event);
        }
        List<Object> entries = new ArrayList<>();
        byPage.forEach((pageId, pageEvents) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", pageId);
            entry.put("time", pageEvents.stream().mapToLong(WebhookEvent::timestamp).max().orElseThrow());
            entry.put(arrayName, pageEvents.stream().map(WebhookEvent::toMap).toList());
            entries.add(entry);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("object", object);
        root.put("entry", entries);
        return root;
    }

    /**
     * The exact bytes Meta would send: ASCII JSON with non-ASCII characters as lower-case
     * {@code \\uXXXX} escapes and {@code /} escaped as {@code \\/}.
     */
    public byte[] toBytes() {
        return MetaStyleJson.bytes(toMap());
    }

    @Override
    public String toString() {
        return "WebhookPayload[" + events.size() + " event(s)]";
    }
}
