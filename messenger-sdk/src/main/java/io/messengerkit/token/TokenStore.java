package io.messengerkit.token;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where sealed tokens live: implement this to keep them in your own database.
 *
 * <p>A store never sees a plaintext token. It keeps {@link SealedToken}s by their
 * {@link TokenKey} (tenant, kind, owner id) and gives them back unchanged: the ciphertext byte for
 * byte, the metadata as written. Everything else (encryption, key rotation, expiry, health) is
 * done by {@link TokenService} on top of these few methods.
 *
 * <p>Implementations must be safe for concurrent use, and {@link #replace} must be atomic. The
 * abstract test {@code io.messengerkit.testkit.contract.TokenStoreContract} in
 * {@code messenger-testkit} checks all of it: extend it in your store's test.
 * {@link InMemoryTokenStore} is the reference implementation.
 *
 * <p>Implementations report their own failures (a lost database connection) as unchecked
 * exceptions, preferably {@link TokenStoreException}; they must never put ciphertext or any
 * other token material into a message or a log line.
 */
public interface TokenStore {

    /**
     * Stores the token under {@code token.key()}, replacing whatever was stored there.
     *
     * @param token the sealed token; its key says where
     */
    void put(SealedToken token);

    /**
     * The token stored under {@code key}, if any.
     *
     * @param key the key to look up
     * @return the stored token, or empty
     */
    Optional<SealedToken> get(TokenKey key);

    /**
     * Atomically stores {@code replacement} if the token currently stored under its key equals
     * {@code expected} (as {@link SealedToken#equals} defines it). This is how status updates and
     * re-sealing avoid overwriting a token that was saved again in the meantime.
     *
     * @param expected the token the caller read
     * @param replacement the token to store instead
     * @return true if replaced; false if nothing is stored under the key or the stored token differs
     * @throws IllegalArgumentException if the two tokens have different keys
     */
    boolean replace(SealedToken expected, SealedToken replacement);

    /**
     * Removes the token stored under {@code key}.
     *
     * @param key the key whose token to remove
     * @return true if a token was removed
     */
    boolean delete(TokenKey key);

    /**
     * Every token of one tenant, in no particular order.
     *
     * @param tenant the tenant (chatbot id)
     * @return its tokens; empty when it has none
     */
    List<SealedToken> list(String tenant);

    /**
     * Every tenant that has at least one token, for operations over the whole store.
     *
     * @return the tenants
     */
    Set<String> tenants();
}
