package io.messengerkit.jakarta.persistence;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.token.TokenStore;
import io.messengerkit.token.TokenStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class JpaTokenStoreTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnH2 extends TokenStoreContract {
        TestDatabase db;

        @BeforeAll
        void open() {
            db = TestDatabase.h2();
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected TokenStore createStore() {
            return new JpaTokenStore(db.transactions());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends TokenStoreContract {
        TestDatabase db;

        @BeforeAll
        void open() {
            db = TestDatabase.postgres();
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected TokenStore createStore() {
            return new JpaTokenStore(db.transactions());
        }
    }
}
