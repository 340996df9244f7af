package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_webhook_inbox}: one verified webhook delivery. Not API. */
@Entity
@Table(name = "messenger_webhook_inbox")
public class InboxEntity {
    @Id
    @SequenceGenerator(name = "messenger_webhook_inbox_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_webhook_inbox_seq")
    Long id;

    @Column(name = "body", nullable = false)
    byte[] body;

    @Column(name = "body_sha256", nullable = false)
    String bodySha256;

    @Column(name = "received_at", nullable = false)
    LocalDateTime receivedAt;

    @Column(name = "state", nullable = false)
    String state;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    LocalDateTime nextAttemptAt;

    @Column(name = "claimed_by")
    String claimedBy;

    @Column(name = "claimed_until")
    LocalDateTime claimedUntil;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "completed_at")
    LocalDateTime completedAt;

    /** For JPA. */
    protected InboxEntity() {
    }
}
