package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_conversation_window}: a conversation's last inbound interaction. Not API. */
@Entity
@Table(name = "messenger_conversation_window")
public class ConversationWindowEntity {
    @Id
    @Column(name = "conversation_key", nullable = false)
    String conversationKey;

    @Column(name = "page_id", nullable = false)
    String pageId;

    @Column(name = "psid", nullable = false)
    String psid;

    @Column(name = "last_inbound_at", nullable = false)
    LocalDateTime lastInboundAt;

    /** For JPA. */
    protected ConversationWindowEntity() {
    }

    ConversationWindowEntity(String pageId, String psid, java.time.Instant at) {
        this.conversationKey = JpaConversationWindowStore.key(pageId, psid);
        this.pageId = pageId;
        this.psid = psid;
        this.lastInboundAt = Utc.of(at);
    }
}
