package io.messengerkit.token;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * A {@link TokenStore} in a concurrent map: for tests, demos and single-process tools. Its
 * contents are gone when the process ends.
 */
public final class InMemoryTokenStore implements TokenStore {
    private final ConcurrentMap<TokenKey, SealedToken> tokens = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryTokenStore() {
    }

    @Override
    public void put(SealedToken token) {
        Objects.requireNonNull(token, "token");
        tokens.put(token.key(), token);
    }

    @Override
    public Optional<SealedToken> get(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return Optional.ofNullable(tokens.get(key));
    }

    @Override
    public boolean replace(SealedToken expected, SealedToken replacement) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        if (!expected.key().equals(replacement.key())) {
            throw new IllegalArgumentException("expected and replacement must have the same key");
        }
        return tokens.replace(expected.key(), expected, replacement);
    }

    @Override
    public boolean delete(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return tokens.remove(key) != null;
    }

    @Override
    public List<SealedToken> list(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return tokens.values().stream().filter(t -> t.key().tenant().equals(tenant)).toList();
    }

    @Override
    public Set<String> tenants() {
        return tokens.keySet().stream().map(TokenKey::tenant).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return "InMemoryTokenStore[" + tokens.size() + " tokens]";
    }
}
