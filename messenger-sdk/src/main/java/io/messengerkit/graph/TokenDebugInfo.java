package io.messengerkit.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code GET /debug_token} says about a token: whether it is valid, when it expires, which
 * scopes it carries and, for a dead token, why.
 *
 * @param appId the app the token belongs to
 * @param type {@code USER}, {@code PAGE}, {@code APP}...
 * @param valid Meta's {@code is_valid}
 * @param expiresAt when the token expires; empty when Meta reports {@code 0} (never)
 * @param dataAccessExpiresAt when data access expires; empty when absent or {@code 0}
 * @param scopes granted permissions, never null
 * @param userId the user the token acts for, or null
 * @param profileId the page the token acts for (page tokens), or null
 * @param errorCode Meta's error code for an invalid token (e.g. 190), or null
 * @param errorSubcode Meta's subcode for an invalid token (e.g. 460 password changed), or null
 * @param errorMessage Meta's explanation for an invalid token, or null
 */
public record TokenDebugInfo(
        String appId,
        String type,
        boolean valid,
        Optional<Instant> expiresAt,
        Optional<Instant> dataAccessExpiresAt,
        List<String> scopes,
        String userId,
        String profileId,
        Integer errorCode,
        Integer errorSubcode,
        String errorMessage) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param appId the app the token belongs to
     * @param type {@code USER}, {@code PAGE}, {@code APP}...
     * @param valid Meta's {@code is_valid}
     * @param expiresAt when the token expires; empty when Meta reports {@code 0} (never)
     * @param dataAccessExpiresAt when data access expires; empty when absent or {@code 0}
     * @param scopes granted permissions, never null
     * @param userId the user the token acts for, or null
     * @param profileId the page the token acts for (page tokens), or null
     * @param errorCode Meta's error code for an invalid token (e.g. 190), or null
     * @param errorSubcode Meta's subcode for an invalid token (e.g. 460 password changed), or null
     * @param errorMessage Meta's explanation for an invalid token, or null
     */
    public TokenDebugInfo {
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        dataAccessExpiresAt = dataAccessExpiresAt == null ? Optional.empty() : dataAccessExpiresAt;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    /**
     * {@return true when the token is valid and, if it has an expiry, that expiry is after {@code now}}
     *
     * @param now the instant to judge at
     */
    public boolean usableAt(Instant now) {
        return valid && expiresAt.map(now::isBefore).orElse(true);
    }
}
