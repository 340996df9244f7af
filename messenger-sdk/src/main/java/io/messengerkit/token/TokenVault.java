package io.messengerkit.token;

import com.google.crypto.tink.Aead;
import io.messengerkit.AccessToken;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Seals tokens into {@link SealedToken}s and opens them again, with Tink AEAD (AES-256-GCM).
 *
 * <p>The associated data of every ciphertext is its {@link TokenKey} (tenant, kind, owner id):
 * a ciphertext copied into another row, or an altered byte, fails to open with a
 * {@link TokenVaultException}, as does a ciphertext sealed by a key this keyset does not hold.
 * Plaintext exists only as an {@link AccessToken}, which never prints itself.
 *
 * <p>Thread-safe. Most applications use it through {@link TokenService}.
 */
public final class TokenVault {
    /** Tink's ciphertext prefix: one version byte, then the 4-byte id of the sealing key. */
    private static final int TINK_PREFIX_SIZE = 5;
    private static final byte TINK_START_BYTE = 1;

    private final TokenKeyset keyset;
    private final Aead aead;
    private final int primaryKeyId;

    private TokenVault(TokenKeyset keyset) {
        this.keyset = keyset;
        this.primaryKeyId = keyset.primaryKeyId();
        try {
            this.aead = keyset.handle().getPrimitive(TokenKeyset.CONFIG, Aead.class);
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("the token keyset cannot be used for AEAD", e);
        }
    }

    /**
     * A vault over the given keyset.
     *
     * @param keyset the keys to seal with (the primary) and open with (all)
     * @return the vault
     */
    public static TokenVault of(TokenKeyset keyset) {
        return new TokenVault(Objects.requireNonNull(keyset, "keyset"));
    }

    /**
     * Id of the key {@link #seal} uses.
     *
     * @return the Tink key id of the primary key
     */
    public int primaryKeyId() {
        return primaryKeyId;
    }

    /**
     * Encrypts {@code token} for {@code key} with the primary key. The result has status
     * {@link TokenStatus#VALID}.
     *
     * @param key where the token will be stored; bound to the ciphertext as associated data
     * @param token the plaintext token
     * @param expiresAt its expiry, empty when it does not expire by time
     * @param scopes its permissions, kept in clear
     * @return the sealed token
     */
    public SealedToken seal(TokenKey key, AccessToken token, Optional<Instant> expiresAt, Set<String> scopes) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
        byte[] plaintext = token.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = aead.encrypt(plaintext, key.associatedData());
            return new SealedToken(key, ciphertext, primaryKeyId, expiresAt, scopes, TokenStatus.VALID);
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("could not seal the token for " + key, e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a sealed token, whatever its status (status checks are {@link TokenService}'s).
     *
     * @param sealed the stored token
     * @return the plaintext token
     * @throws TokenVaultException if the keyset lacks the sealing key, or the ciphertext was
     *     altered or belongs to another key
     */
    public AccessToken open(SealedToken sealed) {
        Objects.requireNonNull(sealed, "sealed");
        byte[] ciphertext = sealed.ciphertext();
        byte[] plaintext = null;
        try {
            plaintext = aead.decrypt(ciphertext, sealed.key().associatedData());
            return AccessToken.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException(whyNotOpened(sealed.key(), ciphertext));
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /**
     * True when {@code sealed} was sealed with this vault's primary key.
     *
     * @param sealed a stored token
     * @return true when its key id is the primary key's
     */
    public boolean isSealedWithPrimary(SealedToken sealed) {
        return sealed.keyId() == primaryKeyId;
    }

    /**
     * Opens and seals again with the primary key, keeping key, status, expiry and scopes.
     *
     * @param sealed a stored token
     * @return the same token sealed with the primary key
     */
    public SealedToken reseal(SealedToken sealed) {
        AccessToken token = open(sealed);
        return seal(sealed.key(), token, sealed.expiresAt(), sealed.scopes()).withStatus(sealed.status());
    }

    /** The explanation of a failed decryption: unknown key, or altered / misplaced ciphertext. */
    private String whyNotOpened(TokenKey key, byte[] ciphertext) {
        if (ciphertext.length < TINK_PREFIX_SIZE || ciphertext[0] != TINK_START_BYTE) {
            return "the token for " + key + " is not a ciphertext of this vault (no Tink key prefix)";
        }
        int sealingKey = ByteBuffer.wrap(ciphertext, 1, 4).getInt();
        if (!keyset.hasEnabledKey(sealingKey)) {
            return "the token for " + key + " was sealed with key " + Integer.toUnsignedString(sealingKey)
                    + ", which the loaded keyset " + keyset + " does not hold: wrong keyset, or that key was retired";
        }
        return "the token for " + key + " does not decrypt under key " + Integer.toUnsignedString(sealingKey)
                + ": its ciphertext was altered or belongs to another tenant, kind or owner";
    }

    @Override
    public String toString() {
        return "TokenVault[" + keyset + "]";
    }
}
