package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a token exchange.
 *
 * @param accessToken the long-lived user token
 * @param tokenType Meta's {@code token_type}, usually {@code bearer}
 * @param expiresAt when it expires, computed from {@code expires_in} at the time of the answer;
 *     empty when Meta did not say
 */
public record LongLivedToken(AccessToken accessToken, String tokenType, Optional<Instant> expiresAt) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param accessToken the long-lived user token
     * @param tokenType Meta's {@code token_type}, usually {@code bearer}
     * @param expiresAt when it expires, computed from {@code expires_in} at the time of the answer; empty when Meta did not say
     */
    public LongLivedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }
}
