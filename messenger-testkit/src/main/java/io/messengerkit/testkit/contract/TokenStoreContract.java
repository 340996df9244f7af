package io.messengerkit.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenStatus;
import io.messengerkit.token.TokenStore;
import io.messengerkit.token.TokenVault;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} must have, as a JUnit 5 test. Extend it in your store's
 * test and return your store from {@link #createStore()}:
 *
 * <pre>{@code
 * class JdbcTokenStoreTest extends TokenStoreContract {
 *     protected TokenStore createStore() { return new JdbcTokenStore(dataSource); }
 * }
 * }</pre>
 *
 * <p>It proves round trips of every field (every {@link TokenStatus}, ciphertexts up to
 * {@link #MAX_CIPHERTEXT_BYTES}, ids of {@link TokenKey#MAX_LENGTH} and non-ASCII ones), that a
 * sealed token read back still opens, replacement and deletion under one key, tenant isolation of
 * {@code list} and {@code tenants}, the compare-and-set semantics of {@code replace}, and concurrent
 * writers: distinct keys all land, writers of one key leave one whole token, and racing
 * {@code replace} calls never lose an update.
 *
 * <p>Every test works in tenants of its own (random names), so the store need not be empty:
 * stores backed by a shared database can hand out the same instance each time. Add tests of your
 * store's own promises to the subclass; {@link #token(TokenKey)} and {@link #newTenant()} help.
 */
public abstract class TokenStoreContract {
    /** Largest ciphertext a store must hold, in bytes. */
    protected static final int MAX_CIPHERTEXT_BYTES = 4096;

    private static final TokenVault VAULT = TokenVault.of(TokenKeyset.generate());

    private TokenStore store;
    private ExecutorService pool;

    /** The store under test; called before every test. */
    protected abstract TokenStore createStore();

    /** Threads used by the concurrency tests. */
    protected int writerThreads() {
        return 8;
    }

    @BeforeEach
    void setUpStore() {
        store = createStore();
        pool = Executors.newFixedThreadPool(writerThreads());
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "writer threads did not stop");
    }

    /** A tenant no other test uses. */
    protected static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    /** A sealed token with random ciphertext and the given metadata. */
    protected static SealedToken token(TokenKey key, TokenStatus status, Optional<Instant> expiresAt, Set<String> scopes) {
        byte[] ciphertext = new byte[40 + ThreadLocalRandom.current().nextInt(200)];
        ThreadLocalRandom.current().nextBytes(ciphertext);
        return new SealedToken(key, ciphertext, ThreadLocalRandom.current().nextInt(), expiresAt, scopes, status);
    }

    /** A valid sealed token with random ciphertext, an expiry and two scopes. */
    protected static SealedToken token(TokenKey key) {
        return token(key, TokenStatus.VALID, Optional.of(Instant.parse("2027-01-30T10:15:30Z")),
                Set.of("pages_messaging", "pages_show_list"));
    }

    @Test
    void returnsWhatWasPutUnchanged() {
        String tenant = newTenant();
        SealedToken user = token(TokenKey.user(tenant, "10001"));
        SealedToken page = token(TokenKey.page(tenant, "20002"), TokenStatus.RECONNECT_NEEDED, Optional.empty(), Set.of());
        store.put(user);
        store.put(page);

        SealedToken readUser = store.get(user.key()).orElseThrow();
        assertEquals(user, readUser);
        assertArrayEquals(user.ciphertext(), readUser.ciphertext());
        assertEquals(user.keyId(), readUser.keyId());
        assertEquals(user.expiresAt(), readUser.expiresAt());
        assertEquals(user.scopes(), readUser.scopes());
        assertEquals(TokenStatus.VALID, readUser.status());

        SealedToken readPage = store.get(page.key()).orElseThrow();
        assertEquals(page, readPage);
        assertEquals(Optional.empty(), readPage.expiresAt());
        assertEquals(Set.of(), readPage.scopes());
        assertEquals(TokenStatus.RECONNECT_NEEDED, readPage.status());
    }

    @Test
    void keepsEveryStatus() {
        String tenant = newTenant();
        for (TokenStatus status : TokenStatus.values()) {
            SealedToken sealed = token(TokenKey.page(tenant, "page-" + status), status, Optional.empty(), Set.of("email"));
            store.put(sealed);
            assertEquals(status, store.get(sealed.key()).orElseThrow().status());
        }
    }

    @Test
    void keepsLargeCiphertextsLongIdsAndNonAsciiIds() {
        String tenant = "chatbot-é-" + UUID.randomUUID();
        byte[] big = new byte[MAX_CIPHERTEXT_BYTES];
        ThreadLocalRandom.current().nextBytes(big);
        SealedToken large = new SealedToken(TokenKey.user(tenant, "1".repeat(TokenKey.MAX_LENGTH)), big, -7,
                Optional.of(Instant.parse("2030-12-31T23:59:59Z")), Set.of("business_management"), TokenStatus.EXPIRED);
        store.put(large);
        assertEquals(large, store.get(large.key()).orElseThrow());
    }

    @Test
    void sealedTokenReadBackStillOpens() {
        TokenKey key = TokenKey.page(newTenant(), "30003");
        store.put(VAULT.seal(key, AccessToken.of("made-up-page-token"), Optional.empty(), Set.of("pages_messaging")));
        assertEquals("made-up-page-token", VAULT.open(store.get(key).orElseThrow()).reveal());
    }

    @Test
    void getOfUnknownKeyIsEmpty() {
        assertEquals(Optional.empty(), store.get(TokenKey.user(newTenant(), "nobody")));
    }

    @Test
    void putReplacesTheTokenUnderTheSameKey() {
        TokenKey key = TokenKey.user(newTenant(), "10001");
        store.put(token(key, TokenStatus.RECONNECT_NEEDED, Optional.empty(), Set.of()));
        SealedToken fresh = token(key);
        store.put(fresh);
        assertEquals(fresh, store.get(key).orElseThrow());
        assertEquals(1, store.list(key.tenant()).size());
    }

    @Test
    void keysThatDifferInOneFieldAreDifferentTokens() {
        String tenant = newTenant();
        String otherTenant = newTenant();
        SealedToken user = token(TokenKey.user(tenant, "42"));
        SealedToken page = token(TokenKey.page(tenant, "42"));
        SealedToken otherOwner = token(TokenKey.user(tenant, "43"));
        SealedToken otherTenantsUser = token(TokenKey.user(otherTenant, "42"));
        for (SealedToken t : List.of(user, page, otherOwner, otherTenantsUser)) {
            store.put(t);
        }
        for (SealedToken t : List.of(user, page, otherOwner, otherTenantsUser)) {
            assertEquals(t, store.get(t.key()).orElseThrow());
        }
    }

    @Test
    void deleteRemovesOnlyThatToken() {
        String tenant = newTenant();
        SealedToken user = token(TokenKey.user(tenant, "10001"));
        SealedToken page = token(TokenKey.page(tenant, "10001"));
        store.put(user);
        store.put(page);

        assertTrue(store.delete(user.key()));
        assertEquals(Optional.empty(), store.get(user.key()));
        assertEquals(page, store.get(page.key()).orElseThrow());
        assertFalse(store.delete(user.key()), "a second delete finds nothing");
    }

    @Test
    void listReturnsExactlyTheTenantsTokens() {
        String tenant = newTenant();
        String neighbour = newTenant();
        Set<SealedToken> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            mine.add(token(TokenKey.page(tenant, "page-" + i)));
        }
        mine.add(token(TokenKey.user(tenant, "user-1")));
        mine.forEach(store::put);
        store.put(token(TokenKey.page(neighbour, "page-0")));

        assertEquals(mine, new HashSet<>(store.list(tenant)));
        assertEquals(1, store.list(neighbour).size());
        assertEquals(List.of(), store.list(newTenant()));
    }

    @Test
    void tenantsNamesEveryTenantWithTokens() {
        String a = newTenant();
        String b = newTenant();
        store.put(token(TokenKey.user(a, "1")));
        store.put(token(TokenKey.page(b, "2")));
        assertTrue(store.tenants().containsAll(Set.of(a, b)));

        store.delete(TokenKey.user(a, "1"));
        assertFalse(store.tenants().contains(a), "a tenant without tokens is not listed");
        assertTrue(store.tenants().contains(b));
    }

    @Test
    void replaceSwapsWhenTheStoredTokenIsTheExpectedOne() {
        SealedToken stored = token(TokenKey.user(newTenant(), "10001"));
        store.put(stored);
        SealedToken marked = stored.withStatus(TokenStatus.RECONNECT_NEEDED);

        assertTrue(store.replace(stored, marked));
        assertEquals(marked, store.get(stored.key()).orElseThrow());
    }

    @Test
    void replaceLeavesATokenThatChangedMeanwhile() {
        SealedToken old = token(TokenKey.user(newTenant(), "10001"));
        store.put(old);
        SealedToken reconnected = token(old.key());
        store.put(reconnected);

        assertFalse(store.replace(old, old.withStatus(TokenStatus.RECONNECT_NEEDED)), "ciphertext differs");
        assertEquals(reconnected, store.get(old.key()).orElseThrow());

        SealedToken statusChanged = reconnected.withStatus(TokenStatus.EXPIRED);
        store.put(statusChanged);
        assertFalse(store.replace(reconnected, reconnected.withHealth(TokenStatus.VALID, Optional.empty(), Set.of())),
                "status differs");
        assertEquals(statusChanged, store.get(old.key()).orElseThrow());
    }

    @Test
    void replaceDoesNotCreateAMissingToken() {
        SealedToken absent = token(TokenKey.page(newTenant(), "20002"));
        assertFalse(store.replace(absent, absent.withStatus(TokenStatus.EXPIRED)));
        assertEquals(Optional.empty(), store.get(absent.key()));
    }

    @Test
    void replaceRefusesTokensOfDifferentKeys() {
        String tenant = newTenant();
        SealedToken a = token(TokenKey.user(tenant, "1"));
        store.put(a);
        SealedToken b = token(TokenKey.user(tenant, "2"));
        assertThrows(IllegalArgumentException.class, () -> store.replace(a, b));
        assertEquals(a, store.get(a.key()).orElseThrow());
    }

    @Test
    void concurrentWritersOfDifferentKeysAllLand() throws Exception {
        String tenant = newTenant();
        int perThread = 25;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<SealedToken>>> writers = new ArrayList<>();
        for (int w = 0; w < writerThreads(); w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                List<SealedToken> written = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    SealedToken t = token(TokenKey.page(tenant, "page-" + writer + "-" + i));
                    store.put(t);
                    written.add(t);
                }
                return written;
            }));
        }
        start.countDown();
        Set<SealedToken> expected = new HashSet<>();
        for (Future<List<SealedToken>> f : writers) {
            expected.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(writerThreads() * perThread, expected.size());
        assertEquals(expected, new HashSet<>(store.list(tenant)));
    }

    @Test
    void concurrentWritersOfOneKeyLeaveOneOfTheirTokensWhole() throws Exception {
        TokenKey key = TokenKey.user(newTenant(), "10001");
        int perThread = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<SealedToken>>> writers = new ArrayList<>();
        for (int w = 0; w < writerThreads(); w++) {
            writers.add(pool.submit(() -> {
                start.await();
                List<SealedToken> written = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    SealedToken t = token(key);
                    store.put(t);
                    written.add(t);
                }
                return written;
            }));
        }
        start.countDown();
        Set<SealedToken> written = new HashSet<>();
        for (Future<List<SealedToken>> f : writers) {
            written.addAll(f.get(60, TimeUnit.SECONDS));
        }
        SealedToken last = store.get(key).orElseThrow();
        assertTrue(written.contains(last), "the stored token is one a writer wrote, not a mix of two");
        assertEquals(1, store.list(key.tenant()).size());
    }

    @Test
    void concurrentReplacesNeverLoseAnUpdate() throws Exception {
        TokenKey key = TokenKey.page(newTenant(), "20002");
        store.put(token(key, TokenStatus.VALID, Optional.empty(), Set.of()));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < writerThreads(); w++) {
            String scope = "scope_" + w;
            Callable<Integer> addScope = () -> {
                start.await();
                int conflicts = 0;
                while (true) {
                    SealedToken current = store.get(key).orElseThrow();
                    Set<String> scopes = new HashSet<>(current.scopes());
                    scopes.add(scope);
                    if (store.replace(current, current.withHealth(current.status(), current.expiresAt(), scopes))) {
                        return conflicts;
                    }
                    conflicts++;
                }
            };
            writers.add(pool.submit(addScope));
        }
        start.countDown();
        for (Future<Integer> f : writers) {
            f.get(60, TimeUnit.SECONDS);
        }
        Set<String> expected = new HashSet<>();
        for (int w = 0; w < writerThreads(); w++) {
            expected.add("scope_" + w);
        }
        assertEquals(expected, store.get(key).orElseThrow().scopes(),
                "every writer's replace either landed on top of the others' or failed and retried");
        assertEquals(expected.stream().sorted().collect(Collectors.joining(",")),
                store.get(key).orElseThrow().scopesAsText());
    }
}
