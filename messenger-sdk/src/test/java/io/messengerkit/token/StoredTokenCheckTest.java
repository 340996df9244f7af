package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoredTokenCheckTest {
    private static final String SECRET = "EAAmadeUpStoredPageToken42";
    private final TokenKeyset keyset = TokenKeyset.generate();
    private final InMemoryTokenStore store = new InMemoryTokenStore();

    private SealedToken store(TokenKeyset with, TokenKey key) {
        SealedToken sealed = TokenVault.of(with).seal(key, AccessToken.of(SECRET), Optional.empty(), Set.of());
        store.put(sealed);
        return sealed;
    }

    @Test
    void theKeysetTheTokensWereSealedWithPassesAndSoDoesOneRotatedFromIt() {
        store(keyset, TokenKey.page("bot-a", "111"));
        store(keyset, TokenKey.user("bot-b", "222"));
        assertDoesNotThrow(() -> StoredTokenCheck.requireOpenable(store, keyset));
        assertDoesNotThrow(() -> StoredTokenCheck.requireOpenable(store, keyset.rotate()), "old keys stay for opening");
        assertDoesNotThrow(() -> StoredTokenCheck.requireOpenable(new InMemoryTokenStore(), TokenKeyset.generate()),
                "nothing stored, nothing to open");
    }

    @Test
    void aKeysetWithoutTheSealingKeyIsRefusedNamingTheKeyIdsAndNeverTheToken() {
        store(keyset, TokenKey.page("bot-a", "111"));
        TokenKeyset other = TokenKeyset.generate();
        StoredTokenCheck.KeysetMismatchException e = assertThrows(StoredTokenCheck.KeysetMismatchException.class,
                () -> StoredTokenCheck.requireOpenable(store, other));
        assertTrue(e.getMessage().contains("cannot open 1 of the 1 stored tokens"), e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toUnsignedString(keyset.primaryKeyId())), e.getMessage());
        assertTrue(e.getMessage().contains(TokenKeyset.KEYSET_ENV), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertFalse(e.getMessage().contains(keyset.toJson()));
    }

    @Test
    void anAlteredTokenUnderAKeyTheKeysetHoldsDoesNotStopTheStart() {
        SealedToken sealed = store(keyset, TokenKey.page("bot-a", "111"));
        byte[] tampered = sealed.ciphertext();
        tampered[tampered.length - 1] ^= 0x01;
        store.put(new SealedToken(sealed.key(), tampered, sealed.keyId(), sealed.expiresAt(), sealed.scopes(),
                sealed.status()));
        assertDoesNotThrow(() -> StoredTokenCheck.requireOpenable(store, keyset));
    }
}
