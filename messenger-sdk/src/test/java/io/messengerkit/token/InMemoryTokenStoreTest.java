package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What only the in-memory store promises; the contract every store keeps runs in the testkit. */
class InMemoryTokenStoreTest {

    @Test
    void describesItselfWithoutContents() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.put(new SealedToken(TokenKey.user("bot-1", "1"), new byte[] {1, 2, 3}, 7, Optional.empty(), Set.of(),
                TokenStatus.VALID));
        assertEquals("InMemoryTokenStore[1 tokens]", store.toString());
    }
}
