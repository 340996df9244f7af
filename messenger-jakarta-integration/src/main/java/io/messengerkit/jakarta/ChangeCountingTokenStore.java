package io.messengerkit.jakarta;

import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token store that counts the writes made through it (after each one ends), so the reply turn's
 * cache of opened page tokens forgets them as soon as a token is stored, replaced, marked or deleted
 * on this instance.
 */
final class ChangeCountingTokenStore implements TokenStore {
    private final TokenStore store;
    private final AtomicLong changes = new AtomicLong();

    ChangeCountingTokenStore(TokenStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    long changes() {
        return changes.get();
    }

    @Override
    public void put(SealedToken token) {
        try {
            store.put(token);
        } finally {
            changes.incrementAndGet();
        }
    }

    @Override
    public Optional<SealedToken> get(TokenKey key) {
        return store.get(key);
    }

    @Override
    public boolean replace(SealedToken expected, SealedToken replacement) {
        try {
            return store.replace(expected, replacement);
        } finally {
            changes.incrementAndGet();
        }
    }

    @Override
    public boolean delete(TokenKey key) {
        try {
            return store.delete(key);
        } finally {
            changes.incrementAndGet();
        }
    }

    @Override
    public List<SealedToken> list(String tenant) {
        return store.list(tenant);
    }

    @Override
    public Set<String> tenants() {
        return store.tenants();
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
