package io.messengerkit.jakarta.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** Row of {@code messenger_token}: one sealed token. Only ciphertext, never the token. Not API. */
@Entity
@Table(name = "messenger_token")
public class TokenEntity {
    @Id
    @SequenceGenerator(name = "messenger_token_seq", sequenceName = "messenger_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "messenger_token_seq")
    Long id;

    @Column(name = "tenant", nullable = false)
    String tenant;

    @Column(name = "kind", nullable = false)
    String kind;

    @Column(name = "owner_id", nullable = false)
    String ownerId;

    @Column(name = "ciphertext", nullable = false)
    byte[] ciphertext;

    @Column(name = "key_id", nullable = false)
    int keyId;

    @Column(name = "expires_at")
    LocalDateTime expiresAt;

    @Column(name = "scopes")
    String scopes;

    @Column(name = "status", nullable = false)
    String status;

    /** Bumped on every write; replace() updates only the version it compared against. */
    @Column(name = "version", nullable = false)
    long version;

    @Column(name = "updated_at", nullable = false)
    LocalDateTime updatedAt;

    /** For JPA. */
    protected TokenEntity() {
    }
}
