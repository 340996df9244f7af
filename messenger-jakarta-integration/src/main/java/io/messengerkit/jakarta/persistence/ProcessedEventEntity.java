package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_processed_event}: the key of an event already handled. Not API. */
@Entity
@Table(name = "messenger_processed_event")
public class ProcessedEventEntity {
    @Id
    @Column(name = "event_key", nullable = false)
    String eventKey;

    @Column(name = "processed_at", nullable = false)
    LocalDateTime processedAt;

    /** CLAIMED while an instance handles the event, DONE afterwards. */
    @Column(name = "state", nullable = false)
    String state;

    /** For JPA. */
    protected ProcessedEventEntity() {
    }

    ProcessedEventEntity(String eventKey, java.time.Instant processedAt) {
        this.eventKey = eventKey;
        this.processedAt = Utc.of(processedAt);
        this.state = "DONE";
    }
}
