package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import java.util.List;
import java.util.Objects;

/**
 * The short-lived Instagram user token an authorization code was exchanged for.
 *
 * @param accessToken the token (about 1 hour); exchange it for a long-lived one at once
 * @param userId the Instagram user id Meta returned with it
 * @param permissions the scopes granted, e.g. {@code instagram_business_basic}
 */
public record InstagramLoginToken(AccessToken accessToken, String userId, List<String> permissions) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param accessToken the token
     * @param userId the Instagram user id
     * @param permissions the granted scopes
     */
    public InstagramLoginToken {
        Objects.requireNonNull(accessToken, "accessToken");
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    @Override
    public String toString() {
        return "InstagramLoginToken[userId=" + userId + ", permissions=" + permissions + ", " + accessToken + "]";
    }
}
