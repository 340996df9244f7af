package io.messengerkit.jakarta.persistence;

import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKind;
import io.messengerkit.token.TokenStatus;
import io.messengerkit.token.TokenStore;
import io.messengerkit.token.TokenStoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TokenStore} on JPA (table {@code messenger_token}): ciphertext and key id in binary and
 * integer columns, metadata in clear columns. A unique constraint on (tenant, kind, owner id)
 * keeps one row per key; a version column makes {@link #replace} a compare-and-set.
 *
 * <p>Every operation joins the caller's transaction when there is one ({@link JpaTransactions#required}),
 * so token writes commit or roll back with the other writes of a unit of work, such as linking a page.
 */
public final class JpaTokenStore implements TokenStore {
    private final JpaTransactions transactions;
    private final Clock clock;

    /**
     * A store on table {@code messenger_token}, with the system clock.
     *
     * @param transactions runs units of work in database transactions
     */
    public JpaTokenStore(JpaTransactions transactions) {
        this(transactions, Clock.systemUTC());
    }

    /**
     * A store on table {@code messenger_token}.
     *
     * @param transactions runs units of work in database transactions
     * @param clock stamps {@code updated_at}
     */
    public JpaTokenStore(JpaTransactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(SealedToken token) {
        Objects.requireNonNull(token, "token");
        try {
            if (transactions.required(em -> overwrite(em, token)) == 1) {
                return;
            }
            try {
                transactions.required(em -> {
                    TokenEntity row = new TokenEntity();
                    copy(token, row);
                    row.tenant = token.key().tenant();
                    row.kind = token.key().kind().name();
                    row.ownerId = token.key().ownerId();
                    row.version = 1;
                    em.persist(row);
                    em.flush();
                    return null;
                });
                return;
            } catch (PersistenceException raced) {
                // Another writer inserted the key first: overwrite its row instead. Inside a caller's unit of
                // work that transaction is now rolled back, so the unit fails as a whole rather than half-stored.
                if (transactions.required(em -> overwrite(em, token)) == 1) {
                    return;
                }
                throw raced;
            }
        } catch (PersistenceException e) {
            throw new TokenStoreException("could not store the token " + token.key(), e);
        }
    }

    private int overwrite(EntityManager em, SealedToken token) {
        return withValues(em, "update TokenEntity t set " + SET_VALUES
                        + " where t.tenant = :tenant and t.kind = :kind and t.ownerId = :owner", token)
                .setParameter("tenant", token.key().tenant())
                .setParameter("kind", token.key().kind().name())
                .setParameter("owner", token.key().ownerId())
                .executeUpdate();
    }

    private static final String SET_VALUES = "t.ciphertext = :c, t.keyId = :k, t.expiresAt = EXPIRES,"
            + " t.scopes = :s, t.status = :st, t.updatedAt = :u, t.version = t.version + 1";

    /** The update with the token's values bound; a missing expiry is a null literal (untyped null parameters fail on PostgreSQL). */
    private jakarta.persistence.Query withValues(EntityManager em, String jpql, SealedToken token) {
        boolean expires = token.expiresAt().isPresent();
        jakarta.persistence.Query query = em.createQuery(jpql.replace("EXPIRES", expires ? ":e" : "null"))
                .setParameter("c", token.ciphertext())
                .setParameter("k", token.keyId())
                .setParameter("s", token.scopesAsText())
                .setParameter("st", token.status().name())
                .setParameter("u", Utc.of(clock.instant()));
        if (expires) {
            query.setParameter("e", Utc.of(token.expiresAt().get()));
        }
        return query;
    }

    private void copy(SealedToken token, TokenEntity row) {
        row.ciphertext = token.ciphertext();
        row.keyId = token.keyId();
        row.expiresAt = Utc.of(token.expiresAt().orElse(null));
        row.scopes = token.scopesAsText();
        row.status = token.status().name();
        row.updatedAt = Utc.of(clock.instant());
    }

    @Override
    public Optional<SealedToken> get(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return wrap(key, () -> transactions.required(em -> find(em, key).map(JpaTokenStore::toToken)));
    }

    @Override
    public boolean replace(SealedToken expected, SealedToken replacement) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(replacement, "replacement");
        if (!expected.key().equals(replacement.key())) {
            throw new IllegalArgumentException("expected and replacement must have the same key");
        }
        return wrap(expected.key(), () -> transactions.required(em -> {
            Optional<TokenEntity> current = find(em, expected.key());
            if (current.isEmpty() || !toToken(current.get()).equals(expected)) {
                return false;
            }
            TokenEntity row = current.get();
            return withValues(em, "update TokenEntity t set " + SET_VALUES
                            + " where t.id = :id and t.version = :version", replacement)
                    .setParameter("id", row.id)
                    .setParameter("version", row.version)
                    .executeUpdate() == 1;
        }));
    }

    @Override
    public boolean delete(TokenKey key) {
        Objects.requireNonNull(key, "key");
        return wrap(key, () -> transactions.required(em -> em.createQuery(
                        "delete from TokenEntity t where t.tenant = :tenant and t.kind = :kind and t.ownerId = :owner")
                .setParameter("tenant", key.tenant())
                .setParameter("kind", key.kind().name())
                .setParameter("owner", key.ownerId())
                .executeUpdate() > 0));
    }

    @Override
    public List<SealedToken> list(String tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return wrap(null, () -> transactions.required(em -> em.createQuery(
                        "select t from TokenEntity t where t.tenant = :tenant order by t.id", TokenEntity.class)
                .setParameter("tenant", tenant)
                .getResultList()
                .stream()
                .map(JpaTokenStore::toToken)
                .toList()));
    }

    @Override
    public Set<String> tenants() {
        return wrap(null, () -> transactions.required(em -> new LinkedHashSet<>(em.createQuery(
                "select distinct t.tenant from TokenEntity t", String.class).getResultList())));
    }

    private static Optional<TokenEntity> find(EntityManager em, TokenKey key) {
        return em.createQuery("select t from TokenEntity t where t.tenant = :tenant and t.kind = :kind and t.ownerId = :owner",
                        TokenEntity.class)
                .setParameter("tenant", key.tenant())
                .setParameter("kind", key.kind().name())
                .setParameter("owner", key.ownerId())
                .getResultStream()
                .findFirst();
    }

    private static SealedToken toToken(TokenEntity row) {
        return new SealedToken(new TokenKey(row.tenant, TokenKind.valueOf(row.kind), row.ownerId), row.ciphertext,
                row.keyId, Optional.ofNullable(Utc.of(row.expiresAt)), SealedToken.scopesFromText(row.scopes),
                TokenStatus.valueOf(row.status));
    }

    private static <T> T wrap(TokenKey key, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (PersistenceException e) {
            throw new TokenStoreException(key == null ? "token store query failed" : "token store failed for " + key, e);
        }
    }
}
