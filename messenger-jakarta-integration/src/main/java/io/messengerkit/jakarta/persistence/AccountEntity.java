package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_account}: the Facebook account linked to one chatbot. Not API. */
@Entity
@Table(name = "messenger_account")
public class AccountEntity {
    @Id
    @SequenceGenerator(name = "messenger_account_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_account_seq")
    Long id;

    @Column(name = "chatbot_id", nullable = false)
    String chatbotId;

    @Column(name = "fb_user_id", nullable = false)
    String facebookUserId;

    @Column(name = "fb_user_name")
    String facebookUserName;

    @Column(name = "token_expires_at")
    LocalDateTime tokenExpiresAt;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "status_detail")
    String statusDetail;

    @Column(name = "available_pages")
    String availablePages;

    @Column(name = "linked_at", nullable = false)
    LocalDateTime linkedAt;

    @Column(name = "updated_at", nullable = false)
    LocalDateTime updatedAt;

    @Column(name = "checked_at")
    LocalDateTime checkedAt;

    /** For JPA. */
    protected AccountEntity() {
    }
}
