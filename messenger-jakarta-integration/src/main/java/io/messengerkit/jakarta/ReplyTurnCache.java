package io.messengerkit.jakarta;

import io.messengerkit.AccessToken;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenStatus;
import io.messengerkit.token.TokenVault;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reply turn needs of an entry id, kept for a bounded time: the active link it belongs to and
 * the opened token of the linked page. One database lookup and one token opening serve every event of
 * the page for up to {@code ttl}.
 *
 * <p>Freshness: every change made on this instance (a page linked, unlinked or marked, a token stored,
 * replaced, marked or deleted) empties the cache for everything read before it (a change counter, not a
 * clock). A change stored by another instance is seen here at most {@code ttl} after it was stored: an
 * entry is used only until {@code ttl} has passed since its read began (the JVM's monotonic clock).
 * An opened token is also dropped once its own expiry time passes. Unlinked pages are not cached.
 * A zero {@code ttl} turns the cache off (every use reads the database and opens the token).
 */
final class ReplyTurnCache {
    private static final int MAX_ENTRIES = 10_000;

    private final LinkRepository links;
    private final TokenService tokens;
    private final ChangeCountingTokenStore store;
    private final TokenVault vault;
    private final Clock clock;
    private final long ttlNanos;
    private final Map<String, Kept<LinkedPage>> pages = new ConcurrentHashMap<>();
    private final Map<TokenKey, Kept<SealedAndOpen>> pageTokens = new ConcurrentHashMap<>();

    private record Kept<T>(T value, long generation, long readAt) {
    }

    private record SealedAndOpen(SealedToken sealed, AccessToken token) {
    }

    ReplyTurnCache(LinkRepository links, TokenService tokens, ChangeCountingTokenStore store, TokenVault vault,
            Clock clock, Duration ttl) {
        this.links = Objects.requireNonNull(links, "links");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.store = Objects.requireNonNull(store, "store");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the reply cache's time to live must not be negative");
        }
        this.ttlNanos = ttl.toNanos();
    }

    /** Grows with every change made on this instance; an entry read under an older value is not used. */
    private long generation() {
        return links.localChanges() + store.changes();
    }

    private <T> T fresh(Kept<T> kept, long generation, long now) {
        return kept != null && kept.generation() == generation && now - kept.readAt() < ttlNanos ? kept.value() : null;
    }

    /**
     * {@return the active link of an entry id (a page, or a linked page's Instagram account), as
     * {@link LinkRepository#activePageFor}}
     *
     * @param accountId the entry id
     */
    Optional<LinkedPage> activePageFor(String accountId) {
        if (ttlNanos == 0 || accountId == null) {
            return links.activePageFor(accountId);
        }
        long generation = generation();
        long now = System.nanoTime();
        LinkedPage kept = fresh(pages.get(accountId), generation, now);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<LinkedPage> page = links.activePageFor(accountId);
        if (page.isPresent() && generation() == generation) {
            if (pages.size() >= MAX_ENTRIES) {
                pages.clear();
            }
            pages.put(accountId, new Kept<>(page.get(), generation, now));
        } else {
            pages.remove(accountId);
        }
        return page;
    }

    /**
     * {@return the opened token of a linked page, as {@link TokenService#tokenFor} gives it (and with
     * its exceptions when the token is missing, expired or needs reconnecting)}
     *
     * @param page the linked page
     */
    AccessToken pageToken(LinkedPage page) {
        TokenKey key = TokenKey.page(page.chatbotId(), page.pageId());
        if (ttlNanos == 0) {
            return tokens.tokenFor(key);
        }
        long generation = generation();
        long now = System.nanoTime();
        SealedAndOpen kept = fresh(pageTokens.get(key), generation, now);
        if (kept != null && !kept.sealed().expiredAt(clock.instant())) {
            return kept.token();
        }
        pageTokens.remove(key);
        Optional<SealedToken> sealed = store.get(key);
        if (sealed.isEmpty() || sealed.get().status() != TokenStatus.VALID || sealed.get().expiredAt(clock.instant())) {
            // Missing, marked or past its expiry: the token service says why (and marks an expired one).
            return tokens.tokenFor(key);
        }
        AccessToken token = vault.open(sealed.get());
        if (generation() == generation) {
            if (pageTokens.size() >= MAX_ENTRIES) {
                pageTokens.clear();
            }
            pageTokens.put(key, new Kept<>(new SealedAndOpen(sealed.get(), token), generation, now));
        }
        return token;
    }

    @Override
    public String toString() {
        return "ReplyTurnCache[pages=" + pages.size() + ", tokens=" + pageTokens.size() + "]";
    }
}
