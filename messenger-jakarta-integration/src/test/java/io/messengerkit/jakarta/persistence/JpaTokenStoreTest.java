package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.contract.TokenStoreContract;
import io.messengerkit.token.SealedToken;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenStore;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class JpaTokenStoreTest {

    /** The SDK's contract for every token store, plus what only a database-backed store promises. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class JpaCases extends TokenStoreContract {
        TestDatabase db;

        abstract TestDatabase openDatabase();

        @BeforeAll
        void open() {
            db = openDatabase();
        }

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected TokenStore createStore() {
            return new JpaTokenStore(db.transactions());
        }

        @Test
        void keepsSealedTokensForAnotherStoreInstanceOnTheSameDatabase() {
            SealedToken sealed = token(TokenKey.page(newTenant(), "200000000000001"));
            createStore().put(sealed);

            Optional<SealedToken> reread = new JpaTokenStore(db.transactions()).get(sealed.key());

            assertEquals(Optional.of(sealed), reread);
        }
    }

    @Nested
    class OnH2 extends JpaCases {
        @Override
        TestDatabase openDatabase() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends JpaCases {
        @Override
        TestDatabase openDatabase() {
            return TestDatabase.postgres();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends JpaCases {
        @Override
        TestDatabase openDatabase() {
            return TestDatabase.mariadb();
        }
    }
}
