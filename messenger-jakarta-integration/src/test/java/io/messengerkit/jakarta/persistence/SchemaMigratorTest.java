package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class SchemaMigratorTest {

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
        }

        @AfterAll
        void stop() {
            db.close();
        }

        @Test
        void createsEveryTableAndRecordsTheVersion() throws Exception {
            assertEquals(Set.of(1, 2, 20), SchemaMigrator.appliedVersions(db.transactions()));
            Set<String> tables = new TreeSet<>();
            try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && (schema.equalsIgnoreCase("information_schema") || schema.startsWith("pg_"))) {
                        continue;
                    }
                    tables.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            assertTrue(tables.containsAll(Set.of("messenger_account", "messenger_page", "messenger_token",
                    "messenger_message_log", "messenger_webhook_inbox", "messenger_processed_event",
                    "messenger_data_deletion", "messenger_schema_version")), tables.toString());
        }

        @Test
        void runningAgainAppliesNothingAndKeepsData() {
            db.transactions().run(em -> em.persist(new ProcessedEventEntity("mid.keep", java.time.Instant.now())));
            assertEquals(List.of(), SchemaMigrator.migrate(db.transactions()));
            assertEquals(Long.valueOf(1), db.transactions().<Long>required(em -> em.createQuery(
                    "select count(e) from ProcessedEventEntity e where e.eventKey = 'mid.keep'", Long.class).getSingleResult()));
        }
    }

    @Nested
    class OnH2 extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.h2();
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.postgres();
        }
    }
}
