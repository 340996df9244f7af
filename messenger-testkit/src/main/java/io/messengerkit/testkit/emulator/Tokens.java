package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every access token the emulator issued: user tokens (short- and long-lived), page tokens and app
 * tokens, with their permissions, expiry and invalidation. Part of the {@link World}; guarded by its lock.
 */
final class Tokens {
    /** The permissions a Messenger app asks for; what test users grant unless told otherwise. */
    static final List<String> DEFAULT_SCOPES = List.of("public_profile", "email", "pages_show_list",
            "pages_messaging", "pages_manage_metadata", "pages_read_engagement", "business_management",
            "instagram_basic", "instagram_manage_messages", "instagram_manage_comments");
    /** About two hours, as {@code FB.login} gives. */
    static final long SHORT_LIVED_SECONDS = 7200;
    /** About 60 days, as the exchange gives. */
    static final long LONG_LIVED_SECONDS = 5183944;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final EmulatedApp app;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TokenRecord> byValue = new HashMap<>();

    Tokens(EmulatedApp app, Clock clock) {
        this.app = app;
        this.clock = clock;
    }

    /**
     * The permissions of a comma-separated scope list as {@code FB.login} grants them: lower case,
     * always with {@code public_profile}; all of {@link #DEFAULT_SCOPES} when the list is empty.
     */
    static Set<String> scopes(String scope) {
        Set<String> scopes = new LinkedHashSet<>();
        if (scope == null || scope.isBlank()) {
            scopes.addAll(DEFAULT_SCOPES);
        } else {
            for (String s : scope.split(",")) {
                if (!s.isBlank()) {
                    scopes.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
            scopes.add("public_profile");
        }
        return scopes;
    }

    TokenRecord issueUserToken(String userId, boolean longLived, Set<String> scopes) {
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(longLived ? LONG_LIVED_SECONDS : SHORT_LIVED_SECONDS);
        return register(new TokenRecord(newValue(), TokenKind.USER, userId, null, now, expires, longLived, scopes));
    }

    /** What {@code fb_exchange_token} gives for a short-lived user token. */
    TokenRecord exchangeForLongLived(TokenRecord shortLived) {
        Instant now = clock.instant();
        return register(new TokenRecord(newValue(), TokenKind.USER, shortLived.userId, null, now,
                now.plusSeconds(LONG_LIVED_SECONDS), true, shortLived.scopes));
    }

    /** What {@code client_credentials} gives: {@code app_id|random}. */
    TokenRecord issueAppToken() {
        return register(new TokenRecord(app.id() + "|" + newValue().substring(4, 31), TokenKind.APP, null, null,
                clock.instant(), null, true, Set.of()));
    }

    /** A never-expiring page token with all permissions, for fixtures. */
    TokenRecord issueFixturePageToken(String userId, String pageId) {
        return register(new TokenRecord(newValue(), TokenKind.PAGE, userId, pageId, clock.instant(), null, true,
                new LinkedHashSet<>(DEFAULT_SCOPES)));
    }

    /**
     * The page token a user (or page) token reads from a page's {@code access_token} field: the page
     * token itself, or one derived from the user token that lives as long (never, for a long-lived
     * one) and carries its permissions. The same value on every read until it is invalidated.
     */
    String pageTokenFor(TokenRecord token, PageRecord page) {
        if (token.kind == TokenKind.PAGE) {
            return token.value;
        }
        Instant expires = token.longLived ? null : token.expiresAt;
        for (TokenRecord existing : byValue.values()) {
            if (existing.kind == TokenKind.PAGE && page.id.equals(existing.pageId)
                    && token.userId.equals(existing.userId) && existing.invalidSubcode == null
                    && Objects.equals(existing.expiresAt, expires) && existing.scopes.equals(token.scopes)) {
                return existing.value;
            }
        }
        return register(new TokenRecord(newValue(), TokenKind.PAGE, token.userId, page.id, clock.instant(),
                expires, true, token.scopes)).value;
    }

    /** A token the emulator issued, or null. */
    TokenRecord issued(String value) {
        return byValue.get(value);
    }

    /** The token a call carries: one the emulator issued, or {@code app_id|app_secret}; null if neither. */
    TokenRecord lookup(String value) {
        int bar = value.indexOf('|');
        if (bar > 0) {
            TokenRecord registered = byValue.get(value);
            if (registered != null) {
                return registered;
            }
            boolean matches = value.substring(0, bar).equals(app.id()) && MessageDigest.isEqual(
                    value.substring(bar + 1).getBytes(StandardCharsets.UTF_8),
                    app.secret().reveal().getBytes(StandardCharsets.UTF_8));
            return matches
                    ? new TokenRecord(value, TokenKind.APP, null, null, clock.instant(), null, true, Set.of())
                    : null;
        }
        return byValue.get(value);
    }

    /** Invalidates every still-valid token of the user (when userId is given) or else of the page. */
    void invalidateAll(String userId, String pageId, int subcode) {
        for (TokenRecord token : byValue.values()) {
            boolean matches = userId != null ? userId.equals(token.userId) : pageId.equals(token.pageId);
            if (matches && token.invalidSubcode == null) {
                token.invalidSubcode = subcode;
            }
        }
    }

    private TokenRecord register(TokenRecord token) {
        byValue.put(token.value, token);
        return token;
    }

    private String newValue() {
        StringBuilder value = new StringBuilder("EAAM");
        for (int i = 0; i < 120; i++) {
            value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return value.toString();
    }
}
