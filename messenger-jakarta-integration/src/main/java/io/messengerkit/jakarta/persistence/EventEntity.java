package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_event}: one webhook event of one conversation. Not API. */
@Entity
@Table(name = "messenger_event")
public class EventEntity {
    @Id
    @SequenceGenerator(name = "messenger_event_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_event_seq")
    Long id;

    @Column(name = "event_key", nullable = false)
    String eventKey;

    @Column(name = "account_id", nullable = false)
    String accountId;

    @Column(name = "person_id", nullable = false)
    String personId;

    @Column(name = "meta_time", nullable = false)
    long metaTime;

    @Column(name = "received_at", nullable = false)
    LocalDateTime receivedAt;

    @Column(name = "body", nullable = false)
    byte[] body;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    LocalDateTime nextAttemptAt;

    @Column(name = "lease_owner")
    String leaseOwner;

    @Column(name = "lease_version", nullable = false)
    long leaseVersion;

    @Column(name = "lease_until")
    LocalDateTime leaseUntil;

    @Column(name = "deadline_at")
    LocalDateTime deadlineAt;

    @Column(name = "sent_message_id")
    String sentMessageId;

    @Column(name = "send_started_at")
    LocalDateTime sendStartedAt;

    @Column(name = "first_error")
    String firstError;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "reason")
    String reason;

    @Column(name = "graph_error_code")
    Integer graphErrorCode;

    @Column(name = "completed_at")
    LocalDateTime completedAt;

    /** For JPA. */
    protected EventEntity() {
    }
}
