package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Token calls: exchanging a short-lived user token for a long-lived one, and inspecting any token
 * with {@code /debug_token}. Get it from {@link GraphClient#oauth()}.
 */
public final class OAuth {
    private final GraphEngine engine;

    OAuth(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Exchanges a short-lived user token (from Facebook Login) for a long-lived one (about 60 days).
     * The app secret and the short token travel in a POST body, never in the URL.
     *
     * @param shortLivedToken the short-lived user token from Facebook Login
     * @return the long-lived token and its expiry, when Meta gave one
     * @throws TokenInvalidException when the short-lived token has already expired
     */
    public LongLivedToken exchangeForLongLivedToken(AccessToken shortLivedToken) {
        return GraphEngine.await(exchangeForLongLivedTokenAsync(shortLivedToken));
    }

    /**
     * Async {@link #exchangeForLongLivedToken(AccessToken)}.
     *
     * @param shortLivedToken the short-lived user token from Facebook Login
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<LongLivedToken> exchangeForLongLivedTokenAsync(AccessToken shortLivedToken) {
        Objects.requireNonNull(shortLivedToken, "shortLivedToken");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "fb_exchange_token");
        form.put("client_id", engine.config().appId());
        form.put("client_secret", engine.config().appSecret().reveal());
        form.put("fb_exchange_token", shortLivedToken.reveal());
        GraphCall call = new GraphCall("oauth/access_token", "POST", "/oauth/access_token", Map.of(), null, false,
                form, null, true, true);
        return engine.execute(call).thenApply(r -> {
            JsonNode body = r.body();
            String token = Json.text(body, "access_token");
            if (token == null || token.isBlank()) {
                throw new UnexpectedResponseException(new GraphError(r.status(), 0, 0,
                        "token exchange answered without access_token", null, null, false, null, null), r.usage());
            }
            long expiresIn = Json.number(body, "expires_in", -1);
            Optional<Instant> expiresAt = expiresIn > 0
                    ? Optional.of(engine.clock().instant().plusSeconds(expiresIn)) : Optional.empty();
            return new LongLivedToken(AccessToken.of(token), Json.optText(body, "token_type").orElse("bearer"),
                    expiresAt);
        });
    }

    /**
     * Inspects a token with {@code GET /debug_token}, authenticated with the app token
     * ({@code APP_ID|APP_SECRET}, sent in the Authorization header). A dead token is not an error:
     * the answer says {@code valid=false} with Meta's error code and subcode. Usable as a method
     * reference wherever a {@code TokenDebugInfo inspect(AccessToken)} function is expected.
     *
     * @param token the user or page token to inspect
     * @return what Meta says about it
     * @throws GraphException when Meta rejects the call itself (for example wrong app credentials)
     */
    public TokenDebugInfo debugToken(AccessToken token) {
        return GraphEngine.await(debugTokenAsync(token));
    }

    /**
     * Async {@link #debugToken(AccessToken)}.
     *
     * @param token the user or page token to inspect
     * @return completes with what the blocking call returns, or fails with what it throws
     */
    public CompletableFuture<TokenDebugInfo> debugTokenAsync(AccessToken token) {
        Objects.requireNonNull(token, "token");
        AccessToken appToken = AccessToken.of(engine.config().appId() + "|" + engine.config().appSecret().reveal());
        // Graph reads the token to inspect only from the input_token parameter.
        GraphCall call = new GraphCall("debug_token", "GET", "/debug_token", Map.of("input_token", token.reveal()),
                appToken, false, null, null, true, true);
        return engine.execute(call).thenApply(r -> parseDebug(r.body().path("data"), token));
    }

    static TokenDebugInfo parseDebug(JsonNode data, AccessToken inspected) {
        JsonNode error = data.path("error");
        return new TokenDebugInfo(
                Json.text(data, "app_id"),
                Json.text(data, "type"),
                data.path("is_valid").asBoolean(false),
                epoch(Json.number(data, "expires_at", 0)),
                epoch(Json.number(data, "data_access_expires_at", 0)),
                Json.strings(data, "scopes"),
                Json.text(data, "user_id"),
                Json.text(data, "profile_id"),
                error.isObject() && error.has("code") ? (int) Json.number(error, "code", 0) : null,
                error.isObject() && error.has("subcode") ? (int) Json.number(error, "subcode", 0) : null,
                error.isObject() ? withoutToken(Json.text(error, "message"), inspected) : null);
    }

    /** Meta's explanation, redacted, and without the inspected token should Meta echo it. */
    private static String withoutToken(String message, AccessToken inspected) {
        String redacted = Redactor.redact(message);
        return redacted == null ? null : redacted.replace(inspected.reveal(), "[redacted]");
    }

    private static Optional<Instant> epoch(long seconds) {
        return seconds > 0 ? Optional.of(Instant.ofEpochSecond(seconds)) : Optional.empty();
    }
}
