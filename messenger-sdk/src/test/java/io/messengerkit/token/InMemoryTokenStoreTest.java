package io.messengerkit.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore();
    }

    @Test
    void describesItselfWithoutContents() {
        InMemoryTokenStore store = new InMemoryTokenStore();
        store.put(token(TokenKey.user("bot-1", "1"), TokenStatus.VALID, Optional.empty(), Set.of()));
        assertEquals("InMemoryTokenStore[1 tokens]", store.toString());
    }
}
