package io.messengerkit.testkit.contract;

import io.messengerkit.token.InMemoryTokenStore;
import io.messengerkit.token.TokenStore;

/** The SDK's in-memory store keeps the contract every token store must keep. */
class InMemoryTokenStoreTest extends TokenStoreContract {
    @Override
    protected TokenStore createStore() {
        return new InMemoryTokenStore();
    }
}
