package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.AppSecret;
import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.send.InstagramMessenger;
import io.messengerkit.transport.HttpTransport;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Instagram API with Instagram Login: messaging for an Instagram professional account without a
 * Facebook Page, with Instagram user tokens on {@code graph.instagram.com}.
 *
 * <ul>
 *   <li>{@link #authorizationUrl}: where to send the person ({@code www.instagram.com/oauth/authorize});</li>
 *   <li>{@link #exchangeCode}: code to short-lived token ({@code POST api.instagram.com/oauth/access_token});</li>
 *   <li>{@link #exchangeForLongLivedToken}: short to long-lived, 60 days
 *       ({@code GET graph.instagram.com/access_token?grant_type=ig_exchange_token});</li>
 *   <li>{@link #refresh}: another 60 days for a token at least 24 hours old
 *       ({@code GET graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token});</li>
 *   <li>{@link #me}, {@link #messenger}, {@link #profile}, {@link #subscribeWebhooks}: the account,
 *       the Send API ({@code /me/messages}), ice breakers and menu, webhook subscription.</li>
 * </ul>
 *
 * <p>Every call goes through the replaceable {@link HttpTransport}; all three hosts are configurable
 * so tests and the emulator point them at loopback. The Instagram user token travels in the
 * {@code Authorization} header; the token exchanges put it (and the app secret) in the query, as
 * Meta requires, and the SDK's logs redact both.
 */
public final class InstagramLoginClient {
    /** Meta's Instagram Graph host. */
    public static final URI DEFAULT_GRAPH_BASE_URL = URI.create("https://graph.instagram.com");
    /** Meta's host for the code exchange. */
    public static final URI DEFAULT_AUTH_BASE_URL = URI.create("https://api.instagram.com");
    /** Meta's host for the authorization window. */
    public static final URI DEFAULT_AUTHORIZE_BASE_URL = URI.create("https://www.instagram.com");

    /** Sends per second per account the client paces itself to (Instagram Platform overview). */
    public static final int SENDS_PER_SECOND = 100;
    /** Audio and video sends per second per account. */
    public static final int MEDIA_SENDS_PER_SECOND = 10;

    private final String appId;
    private final AppSecret appSecret;
    private final URI authorizeBaseUrl;
    private final GraphEngine graph;
    private final GraphEngine auth;

    private InstagramLoginClient(Builder b) {
        this.appId = b.appId;
        this.appSecret = b.appSecret;
        this.authorizeBaseUrl = b.authorizeBaseUrl;
        HttpTransport t = b.transport != null ? b.transport : HttpTransport.jdk(Duration.ofSeconds(10));
        // Sends are paced at Instagram's documented 100 per second per account (10 for audio and video).
        MessengerConfig.Builder base = MessengerConfig.builder().appId(b.appId).appSecret(b.appSecret)
                .apiVersion(b.apiVersion).clock(b.clock).sendRateLimits(SENDS_PER_SECOND, MEDIA_SENDS_PER_SECOND);
        if (b.requestTimeout != null) {
            base.requestTimeout(b.requestTimeout);
        }
        MessengerConfig graphConfig = base.baseUrl(b.graphBaseUrl).build();
        MessengerConfig authConfig = graphConfig.toBuilder().baseUrl(b.authBaseUrl).build();
        this.graph = new GraphEngine(graphConfig, t, GraphClient.Sleeper.SYSTEM, b.clock,
                () -> ThreadLocalRandom.current().nextDouble(), null);
        this.auth = new GraphEngine(authConfig, t, GraphClient.Sleeper.SYSTEM, b.clock,
                () -> ThreadLocalRandom.current().nextDouble(), null);
    }

    /**
     * Starts a client for an Instagram app (the Instagram app id and secret from the App Dashboard's
     * Instagram product, not the Facebook app's).
     *
     * @param appId the Instagram app id
     * @param appSecret the Instagram app secret
     * @return a builder
     */
    public static Builder builder(String appId, AppSecret appSecret) {
        return new Builder(appId, appSecret);
    }

    /**
     * {@return the URL of Instagram's authorization window}
     *
     * @param redirectUri the registered redirect URI
     * @param scopes scopes such as {@code instagram_business_basic}, {@code instagram_business_manage_messages}
     * @param state an opaque value to check on the redirect (CSRF); may be null
     */
    public URI authorizationUrl(String redirectUri, Collection<String> scopes, String state) {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", appId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", String.join(",", scopes));
        if (state != null) {
            q.put("state", state);
        }
        return URI.create(authorizeBaseUrl + "/oauth/authorize?" + GraphEngine.formEncode(q));
    }

    /**
     * Exchanges the authorization code from the redirect for a short-lived token (valid about an hour).
     * A trailing {@code #_} Instagram appends to the code is removed.
     *
     * @param code the {@code code} of the redirect
     * @param redirectUri the same redirect URI as in the authorization URL
     * @return the short-lived token, the Instagram user id and the granted permissions
     */
    public InstagramLoginToken exchangeCode(String code, String redirectUri) {
        return GraphEngine.await(exchangeCodeAsync(code, redirectUri));
    }

    /**
     * Exchanges the authorization code for a short-lived token without blocking.
     *
     * @param code the {@code code} of the redirect
     * @param redirectUri the same redirect URI as in the authorization URL
     * @return completes with the short-lived token
     */
    public CompletableFuture<InstagramLoginToken> exchangeCodeAsync(String code, String redirectUri) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        String clean = code.endsWith("#_") ? code.substring(0, code.length() - 2) : code;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", appId);
        form.put("client_secret", appSecret.reveal());
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", redirectUri);
        form.put("code", clean);
        GraphCall call = new GraphCall("instagram oauth/access_token", "POST", "/oauth/access_token", Map.of(), null,
                false, form, null, false, false);
        return auth.execute(call).thenApply(r -> {
            JsonNode body = r.body();
            JsonNode d = body.path("data").isArray() ? body.path("data").path(0) : body;
            String token = Json.text(d, "access_token");
            if (token == null || token.isBlank()) {
                throw missing(r, "code exchange answered without access_token");
            }
            List<String> permissions = new ArrayList<>();
            JsonNode p = d.path("permissions");
            if (p.isArray()) {
                p.forEach(x -> permissions.add(x.asText()));
            } else if (p.isTextual()) {
                for (String s : p.asText().split(",")) {
                    if (!s.isBlank()) {
                        permissions.add(s.strip());
                    }
                }
            }
            JsonNode uid = d.path("user_id");
            return new InstagramLoginToken(AccessToken.of(token), uid.isMissingNode() || uid.isNull() ? null
                    : uid.asText(), permissions);
        });
    }

    /**
     * Exchanges a short-lived Instagram user token for a long-lived one (60 days). Server side only:
     * the call carries the app secret.
     *
     * @param shortLived the short-lived token
     * @return the long-lived token and its expiry
     */
    public LongLivedToken exchangeForLongLivedToken(AccessToken shortLived) {
        return GraphEngine.await(exchangeForLongLivedTokenAsync(shortLived));
    }

    /**
     * Exchanges a short-lived Instagram user token for a long-lived one without blocking.
     *
     * @param shortLived the short-lived token
     * @return completes with the long-lived token
     */
    public CompletableFuture<LongLivedToken> exchangeForLongLivedTokenAsync(AccessToken shortLived) {
        Objects.requireNonNull(shortLived, "shortLived");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("grant_type", "ig_exchange_token");
        q.put("client_secret", appSecret.reveal());
        q.put("access_token", shortLived.reveal());
        return tokenCall("instagram access_token", "/access_token", q);
    }

    /**
     * Refreshes a long-lived Instagram user token for another 60 days. Meta refreshes only tokens at
     * least 24 hours old and not yet expired; refresh well before the 60 days end.
     *
     * @param longLived the long-lived token
     * @return the refreshed token and its new expiry
     */
    public LongLivedToken refresh(AccessToken longLived) {
        return GraphEngine.await(refreshAsync(longLived));
    }

    /**
     * Refreshes a long-lived Instagram user token without blocking.
     *
     * @param longLived the long-lived token
     * @return completes with the refreshed token
     */
    public CompletableFuture<LongLivedToken> refreshAsync(AccessToken longLived) {
        Objects.requireNonNull(longLived, "longLived");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("grant_type", "ig_refresh_token");
        q.put("access_token", longLived.reveal());
        return tokenCall("instagram refresh_access_token", "/refresh_access_token", q);
    }

    private CompletableFuture<LongLivedToken> tokenCall(String name, String path, Map<String, String> query) {
        GraphCall call = new GraphCall(name, "GET", path, query, null, false, null, null, true, false);
        return graph.execute(call).thenApply(r -> {
            String token = Json.text(r.body(), "access_token");
            if (token == null || token.isBlank()) {
                throw missing(r, name + " answered without access_token");
            }
            long expiresIn = Json.number(r.body(), "expires_in", -1);
            Optional<Instant> expiresAt = expiresIn > 0
                    ? Optional.of(graph.clock().instant().plusSeconds(expiresIn)) : Optional.empty();
            return new LongLivedToken(AccessToken.of(token), Json.optText(r.body(), "token_type").orElse("bearer"),
                    expiresAt);
        });
    }

    /**
     * Reads the account the token belongs to ({@code GET /me?fields=user_id,username,name,profile_picture_url}).
     * Its {@code id} is the professional account id that webhooks carry as {@code entry[].id}
     * ({@code user_id}; falls back to {@code id}).
     *
     * @param token the Instagram user token
     * @return the account
     */
    public InstagramAccount me(AccessToken token) {
        Objects.requireNonNull(token, "token");
        return GraphEngine.await(graph.execute(new GraphCall("instagram me", "GET", "/me",
                Map.of("fields", "user_id,username,name,profile_picture_url"), token, false, null, null, true, true))
                .thenApply(r -> {
                    JsonNode b = r.body();
                    String id = Json.optText(b, "user_id").orElse(Json.text(b, "id"));
                    if (id == null) {
                        throw missing(r, "/me answered without an id");
                    }
                    return new InstagramAccount(id, Json.text(b, "username"), Json.text(b, "name"),
                            Json.text(b, "profile_picture_url"));
                }));
    }

    /**
     * Subscribes the app to the account's webhooks ({@code POST /me/subscribed_apps}).
     *
     * @param token the Instagram user token
     * @param fields webhook fields such as {@code messages}, {@code messaging_postbacks}, {@code messaging_seen}
     */
    public void subscribeWebhooks(AccessToken token, Collection<String> fields) {
        Objects.requireNonNull(token, "token");
        if (fields == null || fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one webhook field");
        }
        GraphEngine.await(graph.execute(new GraphCall("instagram subscribed_apps", "POST", "/me/subscribed_apps",
                Map.of("subscribed_fields", String.join(",", fields)), token, false, null, null, true, true))
                .thenAccept(r -> Subscriptions.requireSuccess(r, "instagram webhook subscription")));
    }

    /**
     * A messenger sending as the account ({@code POST graph.instagram.com/{version}/me/messages}),
     * refusing before the call what Instagram does not support.
     *
     * @param token the Instagram user token
     * @return the messenger
     */
    public InstagramMessenger messenger(AccessToken token) {
        return new GraphInstagramMessenger(graph, token, false);
    }

    /** {@return ice breakers and persistent menu of the account, on {@code graph.instagram.com}} */
    public InstagramProfiles profile() {
        return new InstagramProfiles(graph, false);
    }

    private static UnexpectedResponseException missing(GraphResponse r, String what) {
        return new UnexpectedResponseException(new GraphError(r.status(), 0, 0, what, null, null, false, null, null),
                r.usage());
    }

    @Override
    public String toString() {
        return "InstagramLoginClient[appId=" + appId + ", " + graph.config().baseUrl() + "]";
    }

    /** Configures an {@link InstagramLoginClient}. */
    public static final class Builder {
        private final String appId;
        private final AppSecret appSecret;
        private URI graphBaseUrl = DEFAULT_GRAPH_BASE_URL;
        private URI authBaseUrl = DEFAULT_AUTH_BASE_URL;
        private URI authorizeBaseUrl = DEFAULT_AUTHORIZE_BASE_URL;
        private GraphApiVersion apiVersion = GraphApiVersion.DEFAULT;
        private HttpTransport transport;
        private Clock clock = Clock.systemUTC();
        private Duration requestTimeout;

        private Builder(String appId, AppSecret appSecret) {
            this.appId = Objects.requireNonNull(appId, "appId");
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        }

        /**
         * Sets the Instagram Graph host (tests: the emulator or WireMock on loopback).
         *
         * @param url the base URL, e.g. {@code https://graph.instagram.com}
         * @return this builder
         */
        public Builder graphBaseUrl(URI url) {
            this.graphBaseUrl = trim(url);
            return this;
        }

        /**
         * Sets the host of the code exchange.
         *
         * @param url the base URL, e.g. {@code https://api.instagram.com}
         * @return this builder
         */
        public Builder authBaseUrl(URI url) {
            this.authBaseUrl = trim(url);
            return this;
        }

        /**
         * Sets the host of the authorization window.
         *
         * @param url the base URL, e.g. {@code https://www.instagram.com}
         * @return this builder
         */
        public Builder authorizeBaseUrl(URI url) {
            this.authorizeBaseUrl = trim(url);
            return this;
        }

        /**
         * Sets the API version of versioned calls.
         *
         * @param version the version
         * @return this builder
         */
        public Builder apiVersion(GraphApiVersion version) {
            this.apiVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Replaces the HTTP stack.
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Sets the clock that token expiries are computed from.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the time allowed for each request.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** {@return the client} */
        public InstagramLoginClient build() {
            return new InstagramLoginClient(this);
        }

        private static URI trim(URI url) {
            String s = Objects.requireNonNull(url, "url").toString();
            return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        }
    }
}
