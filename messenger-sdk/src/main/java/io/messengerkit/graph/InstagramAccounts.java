package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the Instagram professional account connected to a Facebook Page:
 * {@code GET /{page-id}?fields=instagram_business_account{id,username,name,profile_picture_url}}.
 * Needs {@code instagram_basic} and {@code pages_show_list} on the token (a user or Page token).
 */
public final class InstagramAccounts {
    static final String FIELDS = "instagram_business_account{id,username,name,profile_picture_url}";

    private final GraphEngine engine;

    InstagramAccounts(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Reads the Instagram account connected to a Page.
     *
     * @param token a user token (with {@code instagram_basic}, {@code pages_show_list}) or the Page token
     * @param pageId the Page
     * @return the account, or empty when the Page has none connected
     */
    public Optional<InstagramAccount> connectedTo(AccessToken token, String pageId) {
        return GraphEngine.await(connectedToAsync(token, pageId));
    }

    /**
     * Reads the Instagram account connected to a Page without blocking.
     *
     * @param token a user token or the Page token
     * @param pageId the Page
     * @return completes with the account, or empty when the Page has none connected
     */
    public CompletableFuture<Optional<InstagramAccount>> connectedToAsync(AccessToken token, String pageId) {
        Objects.requireNonNull(token, "token");
        String id;
        try {
            id = Ids.check(pageId, "pageId");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return engine.execute(GraphCall.get("page instagram_business_account", "/" + id, Map.of("fields", FIELDS),
                token)).thenApply(r -> account(r.body().path("instagram_business_account")));
    }

    static Optional<InstagramAccount> account(JsonNode n) {
        String id = Json.text(n, "id");
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new InstagramAccount(id, Json.text(n, "username"), Json.text(n, "name"),
                Json.text(n, "profile_picture_url")));
    }
}
