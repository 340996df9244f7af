package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Calls about people: the logged-in user ({@code /me}) and User Profile lookups by PSID. */
public final class Users {
    private final GraphEngine engine;

    Users(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * {@code GET /me?fields=id,name,email} with a user token.
     *
     * @param userToken a user access token
     * @return the user's id, name and email (when granted)
     */
    public UserInfo me(AccessToken userToken) {
        return GraphEngine.await(meAsync(userToken));
    }

    /**
     * Async {@link #me(AccessToken)}.
     *
     * @param userToken a user access token
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<UserInfo> meAsync(AccessToken userToken) {
        Objects.requireNonNull(userToken, "userToken");
        return engine.execute(GraphCall.get("me", "/me", Map.of("fields", "id,name,email"), userToken))
                .thenApply(r -> {
                    JsonNode b = r.body();
                    return new UserInfo(Json.text(b, "id"), Json.text(b, "name"), Json.optText(b, "email"));
                });
    }

    /**
     * {@code GET /{psid}?fields=first_name,last_name,profile_pic} with the page token of the page
     * the person wrote to. Meta grants it only after the person has messaged the page (or tapped Get
     * Started), and Business apps need the Business Asset User Profile Access feature.
     *
     * @param pageToken the page access token
     * @param psid the person's page-scoped id
     * @return the person's first name, last name and profile picture URL
     */
    public UserProfile profile(AccessToken pageToken, String psid) {
        return GraphEngine.await(profileAsync(pageToken, psid));
    }

    /**
     * Async {@link #profile(AccessToken, String)}.
     *
     * @param pageToken the page access token
     * @param psid the person's page-scoped id
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<UserProfile> profileAsync(AccessToken pageToken, String psid) {
        Objects.requireNonNull(pageToken, "pageToken");
        try {
            Ids.check(psid, "psid");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return engine.execute(GraphCall.get("user profile", "/" + psid,
                        Map.of("fields", "first_name,last_name,profile_pic"), pageToken))
                .thenApply(r -> new UserProfile(Json.optText(r.body(), "id").orElse(psid),
                        Json.optText(r.body(), "first_name"), Json.optText(r.body(), "last_name"),
                        Json.optText(r.body(), "profile_pic")));
    }
}
