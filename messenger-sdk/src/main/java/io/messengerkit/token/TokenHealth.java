package io.messengerkit.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a health check found for one stored token.
 *
 * @param key the token's key
 * @param previousStatus its status before the check
 * @param status its status after the check (as stored)
 * @param expiresAt its expiry after the check
 * @param inspected true when Meta was asked about it; tokens already expired or marked
 *     "reconnect needed" are not sent again
 * @param errorSubcode Meta's reason for rejecting it (e.g. 460 password changed, 463 expired), if any
 * @param problem why the check could not decide (decryption or inspection failed, or the token
 *     was saved again during the check), if so
 */
public record TokenHealth(
        TokenKey key,
        TokenStatus previousStatus,
        TokenStatus status,
        Optional<Instant> expiresAt,
        boolean inspected,
        Optional<Integer> errorSubcode,
        Optional<String> problem) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param key the token's key
     * @param previousStatus its status before the check
     * @param status its status after the check (as stored)
     * @param expiresAt its expiry after the check
     * @param inspected true when Meta was asked about it; tokens already expired or marked "reconnect needed" are not sent again
     * @param errorSubcode Meta's reason for rejecting it (e.g. 460 password changed, 463 expired), if any
     * @param problem why the check could not decide (decryption or inspection failed, or the token was saved again during the check), if so
     */
    public TokenHealth {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(previousStatus, "previousStatus");
        Objects.requireNonNull(status, "status");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        errorSubcode = errorSubcode == null ? Optional.empty() : errorSubcode;
        problem = problem == null ? Optional.empty() : problem;
    }

    /**
     * True when the user has to log in again before this token's account or page works.
     *
     * @return true when the token is expired or Meta rejected it
     */
    public boolean needsReconnect() {
        return !status.usable();
    }

    /**
     * True when this check changed the stored status.
     *
     * @return true when this run changed the stored status
     */
    public boolean statusChanged() {
        return previousStatus != status;
    }
}
