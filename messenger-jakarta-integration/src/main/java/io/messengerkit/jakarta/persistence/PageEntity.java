package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_page}: a Page linked to a chatbot. Not API. */
@Entity
@Table(name = "messenger_page")
public class PageEntity {
    @Id
    @SequenceGenerator(name = "messenger_page_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_page_seq")
    Long id;

    @Column(name = "chatbot_id", nullable = false)
    String chatbotId;

    @Column(name = "page_id", nullable = false)
    String pageId;

    @Column(name = "page_name")
    String pageName;

    @Column(name = "source", nullable = false)
    String source;

    @Column(name = "subscribed_fields")
    String subscribedFields;

    @Column(name = "active", nullable = false)
    boolean active;

    /** The page id while the link is active, null once unlinked: a unique index on it admits one active link per page. */
    @Column(name = "active_page_id")
    String activePageId;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "status_detail")
    String statusDetail;

    @Column(name = "linked_at", nullable = false)
    LocalDateTime linkedAt;

    @Column(name = "unlinked_at")
    LocalDateTime unlinkedAt;

    @Column(name = "updated_at", nullable = false)
    LocalDateTime updatedAt;

    @Column(name = "checked_at")
    LocalDateTime checkedAt;

    /** The connected Instagram professional account's id: Instagram deliveries name it as their entry id. */
    @Column(name = "instagram_account_id")
    String instagramAccountId;

    @Column(name = "instagram_username")
    String instagramUsername;

    @Column(name = "instagram_name")
    String instagramName;

    @Column(name = "instagram_picture_url")
    String instagramPictureUrl;

    /** Whether the link covers the Instagram account's messages. */
    @Column(name = "instagram_messaging", nullable = false)
    boolean instagramMessaging;

    /** For JPA. */
    protected PageEntity() {
    }
}
