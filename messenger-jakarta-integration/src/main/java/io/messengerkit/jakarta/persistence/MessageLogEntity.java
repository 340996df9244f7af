package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_message_log}: one conversation turn. Not API. */
@Entity
@Table(name = "messenger_message_log")
public class MessageLogEntity {
    @Id
    @SequenceGenerator(name = "messenger_message_log_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_message_log_seq")
    Long id;

    @Column(name = "chatbot_id", nullable = false)
    String chatbotId;

    @Column(name = "page_id", nullable = false)
    String pageId;

    @Column(name = "session_id", nullable = false)
    String sessionId;

    @Column(name = "inbound_mid")
    String inboundMid;

    @Column(name = "inbound_text")
    String inboundText;

    @Column(name = "outbound_text")
    String outboundText;

    @Column(name = "message_id")
    String messageId;

    @Column(name = "status", nullable = false)
    String status;

    @Column(name = "error_code")
    Integer errorCode;

    @Column(name = "error_detail")
    String errorDetail;

    @Column(name = "received_at", nullable = false)
    LocalDateTime receivedAt;

    @Column(name = "replied_at")
    LocalDateTime repliedAt;

    @Column(name = "reply_latency_ms")
    Long replyLatencyMs;

    @Column(name = "attempts")
    Integer attempts;

    /** For JPA. */
    protected MessageLogEntity() {
    }

    /** {@code messenger} or {@code instagram}. */
    @Column(name = "platform", nullable = false)
    String platform = "messenger";
}
