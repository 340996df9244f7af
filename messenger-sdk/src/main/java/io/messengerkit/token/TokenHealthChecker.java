package io.messengerkit.token;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.Redactor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds dead tokens before sends start failing: asks Meta ({@code debug_token}, through a
 * {@link TokenInspector}) about every stored token that is still believed valid, stores what it
 * learns (status, expiry, granted scopes) and reports which accounts and pages need reconnecting.
 *
 * <p>A token Meta calls invalid becomes {@link TokenStatus#EXPIRED} when its expiry has passed
 * (or Meta says so with subcode 463) and {@link TokenStatus#RECONNECT_NEEDED} otherwise
 * (password changed, page role lost, permissions revoked...). Tokens already in either state
 * are not sent to Meta again: only a new login, saved with {@link TokenService#save}, revives
 * the key. When Meta cannot be asked, or the token was saved again during the check, nothing is
 * changed and the report says why.
 *
 * <p>Run it on a schedule and after a deploy; it is safe to run concurrently with normal traffic.
 */
public final class TokenHealthChecker {
    private static final Logger LOG = System.getLogger(TokenHealthChecker.class.getName());
    /** Meta's {@code debug_token} subcode for an expired session. */
    private static final int SUBCODE_EXPIRED = 463;

    private final TokenService tokens;
    private final TokenInspector inspector;

    /**
     * A checker over the service's store, asking {@code inspector} about each token.
     *
     * @param tokens the service whose store holds the tokens
     * @param inspector asks Meta about a token, e.g. {@code graph.oauth()::debugToken}
     */
    public TokenHealthChecker(TokenService tokens, TokenInspector inspector) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
    }

    /**
     * Checks every token of every tenant.
     *
     * @return one result per stored token
     */
    public HealthReport checkAll() {
        List<TokenHealth> results = new ArrayList<>();
        for (String tenant : tokens.store().tenants()) {
            results.addAll(check(tenant).results());
        }
        return new HealthReport(results);
    }

    /**
     * Checks every token of one tenant.
     *
     * @param tenant the tenant (chatbot id)
     * @return one result per token of the tenant
     */
    public HealthReport check(String tenant) {
        List<TokenHealth> results = new ArrayList<>();
        for (SealedToken sealed : tokens.store().list(tenant)) {
            results.add(check(sealed));
        }
        HealthReport report = new HealthReport(results);
        LOG.log(Level.INFO, "Token health of tenant {0}: {1} checked, {2} valid, {3} need reconnecting, {4} undecided",
                tenant, results.size(), report.valid(), report.needsReconnect().size(), report.problems().size());
        return report;
    }

    /**
     * Checks the token stored under {@code key}, if any.
     *
     * @param key the token to check
     * @return the result, or empty when nothing is stored under {@code key}
     */
    public Optional<TokenHealth> check(TokenKey key) {
        return tokens.store().get(key).map(this::check);
    }

    /**
     * Marks a token "reconnect needed" because a call with it failed with Graph error 190;
     * the same as {@link TokenService#markReconnectNeeded(TokenKey, AccessToken)}.
     *
     * @param key where the token is stored
     * @param rejected the token Meta rejected
     * @return true if the stored token was still {@code rejected} and is now marked
     */
    public boolean markReconnectNeeded(TokenKey key, AccessToken rejected) {
        return tokens.markReconnectNeeded(key, rejected);
    }

    private TokenHealth check(SealedToken sealed) {
        TokenKey key = sealed.key();
        if (!sealed.status().usable()) {
            return unchanged(sealed, false, Optional.empty(), Optional.empty());
        }
        Instant now = tokens.clock().instant();
        if (sealed.expiredAt(now)) {
            return store(sealed, sealed.withStatus(TokenStatus.EXPIRED), false, Optional.empty());
        }
        AccessToken token;
        try {
            token = tokens.vault().open(sealed);
        } catch (TokenVaultException e) {
            return unchanged(sealed, false, Optional.empty(), Optional.of("cannot decrypt: " + e.getMessage()));
        }
        TokenDebugInfo info;
        try {
            info = Objects.requireNonNull(inspector.inspect(token), "inspector answered null");
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : Redactor.redact(e.getMessage());
            LOG.log(Level.WARNING, "Could not inspect the token of {0}: {1}", key, reason);
            return unchanged(sealed, false, Optional.empty(), Optional.of("inspection failed: " + reason));
        }
        Optional<Integer> subcode = Optional.ofNullable(info.errorSubcode());
        Set<String> scopes = info.scopes().isEmpty() ? sealed.scopes() : Set.copyOf(info.scopes());
        Optional<Instant> expiresAt = info.expiresAt().isPresent() ? info.expiresAt() : sealed.expiresAt();
        TokenStatus status;
        if (info.usableAt(now)) {
            status = TokenStatus.VALID;
            expiresAt = info.expiresAt();
        } else if (subcode.orElse(0) == SUBCODE_EXPIRED || info.expiresAt().map(t -> !t.isAfter(now)).orElse(false)) {
            status = TokenStatus.EXPIRED;
        } else {
            status = TokenStatus.RECONNECT_NEEDED;
        }
        TokenHealth health = store(sealed, sealed.withHealth(status, expiresAt, scopes), true, subcode);
        if (health.needsReconnect() && health.statusChanged()) {
            LOG.log(Level.WARNING, "Token of {0} is {1} (Graph subcode {2}): reconnect needed",
                    key, status, subcode.map(String::valueOf).orElse("none"));
        }
        return health;
    }

    private TokenHealth store(SealedToken before, SealedToken after, boolean inspected, Optional<Integer> subcode) {
        if (before.equals(after) || tokens.store().replace(before, after)) {
            return new TokenHealth(after.key(), before.status(), after.status(), after.expiresAt(), inspected, subcode,
                    Optional.empty());
        }
        SealedToken now = tokens.store().get(before.key()).orElse(before);
        return new TokenHealth(before.key(), before.status(), now.status(), now.expiresAt(), inspected, subcode,
                Optional.of("the token was saved again or deleted during the check; left as stored"));
    }

    private static TokenHealth unchanged(SealedToken sealed, boolean inspected, Optional<Integer> subcode,
            Optional<String> problem) {
        return new TokenHealth(sealed.key(), sealed.status(), sealed.status(), sealed.expiresAt(), inspected, subcode,
                problem);
    }
}
