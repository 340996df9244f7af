package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_conversation_handoff}: a conversation a human or another app handles. Not API. */
@Entity
@Table(name = "messenger_conversation_handoff")
public class HandoffEntity {
    @Id
    @Column(name = "conversation_key", nullable = false)
    String conversationKey;

    @Column(name = "chatbot_id", nullable = false)
    String chatbotId;

    @Column(name = "page_id", nullable = false)
    String pageId;

    @Column(name = "psid", nullable = false)
    String psid;

    @Column(name = "reason", nullable = false)
    String reason;

    @Column(name = "app_id")
    String appId;

    @Column(name = "since_at", nullable = false)
    LocalDateTime sinceAt;

    @Column(name = "last_signal_at", nullable = false)
    LocalDateTime lastSignalAt;

    @Column(name = "quiet_until", nullable = false)
    LocalDateTime quietUntil;

    /** For JPA. */
    protected HandoffEntity() {
    }
}
