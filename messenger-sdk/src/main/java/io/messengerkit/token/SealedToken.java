package io.messengerkit.token;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A token as a {@link TokenStore} keeps it: the token itself only as ciphertext, its metadata in
 * clear so a store can index and show it without any key.
 *
 * <p>Instances are immutable: the ciphertext is copied in and out. Equality compares every field,
 * the ciphertext by content; {@link TokenStore#replace} relies on it. {@code expiresAt} is kept
 * to whole seconds (Graph reports expiry in seconds, and databases store at least that much),
 * so a token read back from any store equals the one that was written.
 *
 * @param key which token this is
 * @param ciphertext the Tink AEAD ciphertext of the token, bound to {@code key}; never empty
 * @param keyId id of the keyset key that sealed it (Tink's key id)
 * @param expiresAt when the token expires; empty when it does not expire by time
 * @param scopes the permissions granted with it (e.g. {@code pages_messaging}); never null
 * @param status what the SDK last learned about it
 */
public record SealedToken(
        TokenKey key,
        byte[] ciphertext,
        int keyId,
        Optional<Instant> expiresAt,
        Set<String> scopes,
        TokenStatus status) {

    /** Permission names as Meta spells them; no separators, so stores may join them with commas. */
    private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param key which token this is
     * @param ciphertext the Tink AEAD ciphertext of the token, bound to {@code key}; never empty
     * @param keyId id of the keyset key that sealed it (Tink's key id)
     * @param expiresAt when the token expires; empty when it does not expire by time
     * @param scopes the permissions granted with it (e.g. {@code pages_messaging}); never null
     * @param status what the SDK last learned about it
     */
    public SealedToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0) {
            throw new IllegalArgumentException("ciphertext must not be empty");
        }
        ciphertext = ciphertext.clone();
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt.map(t -> t.truncatedTo(ChronoUnit.SECONDS));
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                throw new IllegalArgumentException("scope names are letters, digits and _.:- only");
            }
        }
        Objects.requireNonNull(status, "status");
    }

    /**
     * A copy of the ciphertext.
     *
     * @return the ciphertext, a fresh array on every call
     */
    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /**
     * The same token with another status.
     *
     * @param newStatus the status to record
     * @return a copy with that status
     */
    public SealedToken withStatus(TokenStatus newStatus) {
        return new SealedToken(key, ciphertext, keyId, expiresAt, scopes, newStatus);
    }

    /**
     * The same token with the status, expiry and scopes a health check reported.
     *
     * @param newStatus the status Meta implied
     * @param newExpiresAt the expiry Meta reported, empty for none
     * @param newScopes the scopes Meta reported
     * @return a copy with those values
     */
    public SealedToken withHealth(TokenStatus newStatus, Optional<Instant> newExpiresAt, Set<String> newScopes) {
        return new SealedToken(key, ciphertext, keyId, newExpiresAt, newScopes, newStatus);
    }

    /**
     * True when the token has an expiry and it is not after {@code now}.
     *
     * @param now the instant to compare with
     * @return true when the stored expiry is at or before {@code now}
     */
    public boolean expiredAt(Instant now) {
        return expiresAt.map(t -> !t.isAfter(now)).orElse(false);
    }

    /**
     * The scopes in alphabetical order, for stores that keep them in one column.
     *
     * @return the scopes joined with commas
     */
    public String scopesAsText() {
        return String.join(",", new TreeSet<>(scopes));
    }

    /**
     * Parses {@link #scopesAsText()} back; blank text means no scopes.
     *
     * @param text the output of {@link #scopesAsText()}, or null
     * @return the scopes
     */
    public static Set<String> scopesFromText(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Set.of(text.split(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedToken that
                && key.equals(that.key)
                && Arrays.equals(ciphertext, that.ciphertext)
                && keyId == that.keyId
                && expiresAt.equals(that.expiresAt)
                && scopes.equals(that.scopes)
                && status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(ciphertext), keyId, expiresAt, scopes, status);
    }

    @Override
    public String toString() {
        return "SealedToken[key=" + key + ", keyId=" + Integer.toUnsignedString(keyId)
                + ", expiresAt=" + expiresAt.map(Instant::toString).orElse("never")
                + ", scopes=" + scopesAsText() + ", status=" + status
                + ", ciphertext=" + ciphertext.length + " bytes]";
    }
}
