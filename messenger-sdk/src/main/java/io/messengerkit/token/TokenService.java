package io.messengerkit.token;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.TokenInvalidException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The application's view of stored tokens: a {@link TokenStore} with a {@link TokenVault} in front.
 *
 * <p>Tokens are sealed when saved and opened only by {@link #tokenFor} (or {@link #withToken}),
 * right before a call needs one; a token that is missing, past its expiry or marked "reconnect
 * needed" is refused before any call is attempted, and {@link #withToken} marks a token Meta
 * rejects with code 190. Status updates use {@link TokenStore#replace}, so they
 * never overwrite a token that was saved again in the meantime.
 *
 * <p>Thread-safe when the store is.
 */
public final class TokenService {
    private static final Logger LOG = System.getLogger(TokenService.class.getName());
    private static final int MAX_CONFLICT_RETRIES = 16;

    private final TokenStore store;
    private final TokenVault vault;
    private final Clock clock;

    /**
     * A service over the store and vault, with the system clock.
     *
     * @param store where sealed tokens are kept
     * @param vault seals and opens them
     */
    public TokenService(TokenStore store, TokenVault vault) {
        this(store, vault, Clock.systemUTC());
    }

    /**
     * A service over the store and vault; {@code clock} decides when a token has expired.
     *
     * @param store where sealed tokens are kept
     * @param vault seals and opens them
     * @param clock the time source for expiry
     */
    public TokenService(TokenStore store, TokenVault vault, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Seals and stores a token as {@link TokenStatus#VALID}, replacing the one stored under the
     * key (a reconnect saves the new token this way).
     *
     * @param key where to store it
     * @param token the plaintext token
     * @param expiresAt when it expires; empty for tokens that do not expire by time (page tokens)
     * @param scopes the permissions it carries, if known
     * @return the stored form, metadata only of interest
     */
    public SealedToken save(TokenKey key, AccessToken token, Optional<Instant> expiresAt, Set<String> scopes) {
        SealedToken sealed = vault.seal(key, token, expiresAt, scopes);
        store.put(sealed);
        return sealed;
    }

    /**
     * The token stored under {@code key}, decrypted for a call.
     *
     * @param key where the token is stored
     * @return the plaintext token
     * @throws TokenUnavailableException if none is stored, it has expired (it is then marked
     *     {@link TokenStatus#EXPIRED}) or it needs reconnecting
     * @throws TokenVaultException if it cannot be decrypted
     */
    public AccessToken tokenFor(TokenKey key) {
        SealedToken sealed = store.get(key)
                .orElseThrow(() -> new TokenUnavailableException(key, TokenUnavailableException.Reason.MISSING));
        switch (sealed.status()) {
            case RECONNECT_NEEDED:
                throw new TokenUnavailableException(key, TokenUnavailableException.Reason.RECONNECT_NEEDED);
            case EXPIRED:
                throw new TokenUnavailableException(key, TokenUnavailableException.Reason.EXPIRED);
            case VALID:
            default:
                break;
        }
        if (sealed.expiredAt(clock.instant())) {
            if (store.replace(sealed, sealed.withStatus(TokenStatus.EXPIRED))) {
                LOG.log(Level.INFO, "Token of {0} passed its expiry time; marked EXPIRED", key);
            }
            throw new TokenUnavailableException(key, TokenUnavailableException.Reason.EXPIRED);
        }
        return vault.open(sealed);
    }

    /**
     * Makes a Graph call with the token stored under {@code key}. The call is not attempted when the
     * token is missing, expired or needs reconnecting ({@link TokenUnavailableException}); when
     * Meta rejects the token ({@link TokenInvalidException}: code 190 or 102) it is marked
     * {@link TokenStatus#RECONNECT_NEEDED} before the exception is rethrown, so the next call is
     * refused up front.
     *
     * <pre>{@code
     * tokens.withToken(TokenKey.page(chatbotId, pageId), t -> graph.messenger(t).sendText(psid, "Hi"));
     * }</pre>
     *
     * @param <T> the call's result type
     * @param key where the token is stored
     * @param call the Graph call to make with the token
     * @return what the call returned
     */
    public <T> T withToken(TokenKey key, Function<AccessToken, T> call) {
        Objects.requireNonNull(call, "call");
        AccessToken token = tokenFor(key);
        try {
            return call.apply(token);
        } catch (TokenInvalidException e) {
            markReconnectNeeded(key, token);
            throw e;
        }
    }

    /**
     * The asynchronous {@link #withToken}: the future fails as the call's does, after the same marking.
     *
     * @param <T> the call's result type
     * @param key where the token is stored
     * @param call the asynchronous Graph call to make with the token
     * @return the call's future
     */
    public <T> CompletableFuture<T> withTokenAsync(TokenKey key, Function<AccessToken, CompletableFuture<T>> call) {
        Objects.requireNonNull(call, "call");
        AccessToken token;
        try {
            token = tokenFor(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result;
        try {
            result = call.apply(token);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.whenComplete((value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof TokenInvalidException) {
                markReconnectNeeded(key, token);
            }
        });
    }

    /**
     * The stored token's metadata (status, expiry, scopes), without decrypting it.
     *
     * @param key where the token is stored
     * @return the sealed token, or empty
     */
    public Optional<SealedToken> find(TokenKey key) {
        return store.get(key);
    }

    /**
     * Metadata of every token of a tenant, without decrypting any.
     *
     * @param tenant the tenant (chatbot id)
     * @return the sealed tokens of that tenant
     */
    public List<SealedToken> list(String tenant) {
        return store.list(tenant);
    }

    /**
     * Deletes the token stored under {@code key}; true if there was one.
     *
     * @param key where the token is stored
     * @return true if a token was deleted
     */
    public boolean delete(TokenKey key) {
        return store.delete(key);
    }

    /**
     * Marks whatever token is stored under {@code key} as {@link TokenStatus#RECONNECT_NEEDED}:
     * call it when a Graph call answered with error code 190. Prefer
     * {@link #markReconnectNeeded(TokenKey, AccessToken)} when the rejected token is at hand.
     *
     * @param key where the token is stored
     * @return true if a token is stored under the key (and is now so marked)
     */
    public boolean markReconnectNeeded(TokenKey key) {
        return markReconnectNeeded(key, null);
    }

    /**
     * Marks the token stored under {@code key} as {@link TokenStatus#RECONNECT_NEEDED} if it is
     * still {@code rejected}, the token Meta refused. A token the user saved again after that call
     * started is left alone.
     *
     * @param key where the token is stored
     * @param rejected the token Meta refused
     * @return true if the stored token is the rejected one and is now so marked
     */
    public boolean markReconnectNeeded(TokenKey key, AccessToken rejected) {
        Objects.requireNonNull(key, "key");
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            Optional<SealedToken> current = store.get(key);
            if (current.isEmpty()) {
                return false;
            }
            SealedToken sealed = current.get();
            if (rejected != null && !rejected.equals(vault.open(sealed))) {
                return false;
            }
            if (sealed.status() == TokenStatus.RECONNECT_NEEDED) {
                return true;
            }
            if (store.replace(sealed, sealed.withStatus(TokenStatus.RECONNECT_NEEDED))) {
                LOG.log(Level.INFO, "Token of {0} marked RECONNECT_NEEDED", key);
                return true;
            }
        }
        throw new TokenStoreException("the token of " + key + " kept changing while it was being marked");
    }

    /**
     * Moves every stored token to the vault's primary key: run it after
     * {@link TokenKeyset#rotate()}. Tokens already on the primary key are left as they are; a
     * token saved or changed meanwhile is looked at again rather than overwritten. It is safe to
     * run again, e.g. after a failure.
     *
     * @return counts, and the tokens that could not be moved
     */
    public ResealReport resealAll() {
        int examined = 0;
        int resealed = 0;
        int current = 0;
        int skipped = 0;
        List<ResealReport.Failure> failures = new ArrayList<>();
        for (String tenant : store.tenants()) {
            for (SealedToken listed : store.list(tenant)) {
                examined++;
                switch (resealOne(listed, failures)) {
                    case RESEALED -> resealed++;
                    case CURRENT -> current++;
                    case GONE -> skipped++;
                    case FAILED -> { }
                }
            }
        }
        ResealReport report = new ResealReport(vault.primaryKeyId(), examined, resealed, current, skipped, failures);
        LOG.log(Level.INFO, "Re-seal to key {0}: {1} examined, {2} re-sealed, {3} already current, {4} gone, {5} failed",
                Integer.toUnsignedString(report.primaryKeyId()), examined, resealed, current, skipped, failures.size());
        return report;
    }

    private enum ResealOutcome { RESEALED, CURRENT, GONE, FAILED }

    private ResealOutcome resealOne(SealedToken listed, List<ResealReport.Failure> failures) {
        SealedToken sealed = listed;
        for (int attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            if (vault.isSealedWithPrimary(sealed)) {
                return ResealOutcome.CURRENT;
            }
            SealedToken moved;
            try {
                moved = vault.reseal(sealed);
            } catch (TokenVaultException e) {
                failures.add(new ResealReport.Failure(sealed.key(), sealed.keyId(), e.getMessage()));
                return ResealOutcome.FAILED;
            }
            if (store.replace(sealed, moved)) {
                return ResealOutcome.RESEALED;
            }
            Optional<SealedToken> now = store.get(sealed.key());
            if (now.isEmpty()) {
                return ResealOutcome.GONE;
            }
            sealed = now.get();
        }
        failures.add(new ResealReport.Failure(sealed.key(), sealed.keyId(), "kept changing during the re-seal"));
        return ResealOutcome.FAILED;
    }

    TokenStore store() {
        return store;
    }

    TokenVault vault() {
        return vault;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "TokenService[" + store + ", " + vault + "]";
    }
}
