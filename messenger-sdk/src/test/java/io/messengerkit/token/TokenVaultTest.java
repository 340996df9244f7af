package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenVaultTest {
    private static final String SECRET = "EAAmadeUpPageTokenValue123";
    private final TokenVault vault = TokenVault.of(TokenKeyset.generate());
    private final TokenKey pageKey = TokenKey.page("chatbot-7", "1122334455");

    private SealedToken sealed(TokenKey key) {
        return vault.seal(key, AccessToken.of(SECRET), Optional.of(Instant.parse("2027-03-01T00:00:00Z")),
                Set.of("pages_messaging"));
    }

    @Test
    void opensWhatItSealed() {
        SealedToken sealed = sealed(pageKey);
        assertEquals(SECRET, vault.open(sealed).reveal());
        assertEquals(vault.primaryKeyId(), sealed.keyId());
        assertEquals(TokenStatus.VALID, sealed.status());
        assertEquals(Set.of("pages_messaging"), sealed.scopes());
    }

    @Test
    void ciphertextHoldsNoPlaintextAndDiffersEachTime() {
        SealedToken a = sealed(pageKey);
        SealedToken b = sealed(pageKey);
        assertFalse(new String(a.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET));
        assertNotEquals(a, b, "a fresh nonce per seal");
        assertFalse(a.toString().contains(SECRET));
    }

    @Test
    void rejectsCiphertextWithAnyOneByteFlipped() {
        SealedToken sealed = sealed(pageKey);
        byte[] original = sealed.ciphertext();
        for (int i = 0; i < original.length; i++) {
            byte[] tampered = original.clone();
            tampered[i] ^= 0x01;
            SealedToken altered = new SealedToken(pageKey, tampered, sealed.keyId(), sealed.expiresAt(),
                    sealed.scopes(), sealed.status());
            TokenVaultException e = assertThrows(TokenVaultException.class, () -> vault.open(altered), "byte " + i);
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void rejectsCiphertextMovedToAnotherRow() {
        byte[] ciphertext = sealed(pageKey).ciphertext();
        for (TokenKey other : new TokenKey[] {
                TokenKey.page("chatbot-7", "9999999999"),
                TokenKey.page("chatbot-8", "1122334455"),
                TokenKey.user("chatbot-7", "1122334455")}) {
            SealedToken swapped = new SealedToken(other, ciphertext, vault.primaryKeyId(), Optional.empty(),
                    Set.of(), TokenStatus.VALID);
            TokenVaultException e = assertThrows(TokenVaultException.class, () -> vault.open(swapped));
            assertTrue(e.getMessage().contains("altered or belongs to another tenant, kind or owner"), e.getMessage());
            assertTrue(e.getMessage().contains(other.ownerId()));
        }
    }

    @Test
    void keyFieldsCannotBeShiftedIntoEachOther() {
        // Without length prefixes "ab" + "c" and "a" + "bc" would give the same associated data.
        byte[] ciphertext = vault.seal(new TokenKey("ab", TokenKind.PAGE, "c"), AccessToken.of(SECRET),
                Optional.empty(), Set.of()).ciphertext();
        SealedToken shifted = new SealedToken(new TokenKey("a", TokenKind.PAGE, "bc"), ciphertext,
                vault.primaryKeyId(), Optional.empty(), Set.of(), TokenStatus.VALID);
        assertThrows(TokenVaultException.class, () -> vault.open(shifted));
    }

    @Test
    void wrongKeysetFailsWithAClearError() {
        SealedToken sealed = sealed(pageKey);
        TokenVault other = TokenVault.of(TokenKeyset.generate());
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> other.open(sealed));
        assertTrue(e.getMessage().contains("was sealed with key " + Integer.toUnsignedString(vault.primaryKeyId())),
                e.getMessage());
        assertTrue(e.getMessage().contains("wrong keyset"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void rejectsBytesThatAreNoVaultCiphertext() {
        SealedToken junk = new SealedToken(pageKey, new byte[] {9, 9, 9}, 1, Optional.empty(), Set.of(),
                TokenStatus.VALID);
        TokenVaultException e = assertThrows(TokenVaultException.class, () -> vault.open(junk));
        assertTrue(e.getMessage().contains("not a ciphertext of this vault"), e.getMessage());
    }

    @Test
    void rotatedKeysetOpensOldCiphertextsAndSealsWithTheNewKey() {
        TokenKeyset first = TokenKeyset.generate();
        SealedToken old = TokenVault.of(first).seal(pageKey, AccessToken.of(SECRET), Optional.empty(), Set.of());
        TokenKeyset rotated = first.rotate();
        TokenVault vault2 = TokenVault.of(rotated);

        assertNotEquals(first.primaryKeyId(), rotated.primaryKeyId());
        assertEquals(2, rotated.keyIds().size());
        assertEquals(SECRET, vault2.open(old).reveal());
        assertFalse(vault2.isSealedWithPrimary(old));

        SealedToken moved = vault2.reseal(old.withStatus(TokenStatus.RECONNECT_NEEDED));
        assertEquals(rotated.primaryKeyId(), moved.keyId());
        assertEquals(TokenStatus.RECONNECT_NEEDED, moved.status(), "re-sealing keeps the metadata");
        assertEquals(SECRET, TokenVault.of(rotated.retire(first.primaryKeyId())).open(moved).reveal());
    }
}
