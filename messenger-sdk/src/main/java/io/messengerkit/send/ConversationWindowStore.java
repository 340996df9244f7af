package io.messengerkit.send;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the messaging window policy keeps each conversation's last inbound interaction (the last
 * time the person wrote, tapped a button, reacted...). Implementations must be thread-safe and
 * keep the latest instant when recordings race or arrive out of order. The SDK ships
 * {@link InMemoryConversationWindowStore}; the Jakarta module ships a JPA store shared by every
 * instance of an application.
 */
public interface ConversationWindowStore {

    /**
     * Records an inbound interaction; an instant older than the one stored is ignored.
     *
     * @param pageId the page (or Instagram account) id
     * @param psid the person's page-scoped id
     * @param at when the person interacted
     */
    void recordInbound(String pageId, String psid, Instant at);

    /**
     * {@return the last inbound interaction recorded, or empty when none was}
     *
     * @param pageId the page id
     * @param psid the person's page-scoped id
     */
    Optional<Instant> lastInbound(String pageId, String psid);
}
