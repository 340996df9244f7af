package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_data_deletion}: one data-deletion request from Meta. Not API. */
@Entity
@Table(name = "messenger_data_deletion")
public class DataDeletionEntity {
    @Id
    @Column(name = "confirmation_code", nullable = false)
    String confirmationCode;

    @Column(name = "user_hash", nullable = false)
    String userHash;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "accounts_deleted", nullable = false)
    int accountsDeleted;

    @Column(name = "pages_deleted", nullable = false)
    int pagesDeleted;

    @Column(name = "tokens_deleted", nullable = false)
    int tokensDeleted;

    @Column(name = "requested_at", nullable = false)
    LocalDateTime requestedAt;

    @Column(name = "completed_at")
    LocalDateTime completedAt;

    /** For JPA. */
    protected DataDeletionEntity() {
    }
}
