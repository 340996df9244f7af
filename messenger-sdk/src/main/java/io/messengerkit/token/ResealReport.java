package io.messengerkit.token;

import java.util.List;

/**
 * What {@link TokenService#resealAll()} did.
 *
 * @param primaryKeyId the key every token was moved to
 * @param examined tokens looked at
 * @param resealed tokens moved from an older key to the primary key
 * @param alreadyCurrent tokens that were already sealed with the primary key
 * @param skipped tokens deleted while the re-seal ran
 * @param failures tokens that could not be opened (their key is missing or the ciphertext is damaged)
 */
public record ResealReport(
        int primaryKeyId, int examined, int resealed, int alreadyCurrent, int skipped, List<Failure> failures) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param primaryKeyId the key every token was moved to
     * @param examined tokens looked at
     * @param resealed tokens moved from an older key to the primary key
     * @param alreadyCurrent tokens that were already sealed with the primary key
     * @param skipped tokens deleted while the re-seal ran
     * @param failures tokens that could not be opened (their key is missing or the ciphertext is damaged)
     */
    public ResealReport {
        failures = List.copyOf(failures);
    }

    /**
     * A token that stayed on its old key.
     *
     * @param key the token's key
     * @param keyId the key that sealed it
     * @param reason why it could not be opened
     */
    public record Failure(TokenKey key, int keyId, String reason) {
    }

    /**
     * True when no stored token is left on a key other than the primary.
     *
     * @return true when no failure was recorded
     */
    public boolean complete() {
        return failures.isEmpty();
    }
}
