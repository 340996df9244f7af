package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestDatabase.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class MessengerSchemaTest {

    /** A test of the SQL alone, without JPA: it runs in the EclipseLink run of the build, not again under Hibernate. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Test
    @DisabledIfSystemProperty(named = TestDatabase.PROVIDER_PROPERTY, matches = "(?i).*hibernate.*",
            disabledReason = "no JPA involved: runs once, in the EclipseLink run")
    @interface SqlOnly {
    }

    abstract static class Cases {
        abstract Kind kind();

        @SqlOnly
        void createsEveryTableAndRecordsEachVersionOnce() throws Exception {
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                assertEquals(scriptVersions(), migrate(db));

                assertEquals(scriptVersions().stream().map(v -> v + " SQL").toList(), history(db));
                assertTrue(tables(db).containsAll(Set.of("messenger_account", "messenger_page", "messenger_token",
                        "messenger_message_log", "messenger_webhook_inbox", "messenger_processed_event",
                        "messenger_data_deletion", MessengerSchema.HISTORY_TABLE)), tables(db).toString());
            }
        }

        @SqlOnly
        void runningAgainAppliesNothingAndKeepsTheRows() throws Exception {
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                migrate(db);
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO messenger_data_deletion (confirmation_code, user_hash, status,"
                            + " accounts_deleted, pages_deleted, tokens_deleted, requested_at)"
                            + " VALUES ('keep', 'h', 'completed', 1, 0, 0, CURRENT_TIMESTAMP)");
                }

                assertEquals(List.of(), migrate(db));
                assertEquals(1, count(db, "SELECT COUNT(*) FROM messenger_data_deletion WHERE confirmation_code = 'keep'"));
            }
        }

        @SqlOnly
        void twoInstancesMigratingAnEmptyDatabaseAtOnceApplyEachVersionOnce() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 3; round++) {
                    try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                        CyclicBarrier together = new CyclicBarrier(2);
                        List<Future<List<String>>> runs = new ArrayList<>();
                        for (int instance = 0; instance < 2; instance++) {
                            runs.add(pool.submit(() -> {
                                together.await(10, TimeUnit.SECONDS);
                                return migrate(db);
                            }));
                        }
                        List<String> applied = new ArrayList<>();
                        for (Future<List<String>> run : runs) {
                            applied.addAll(run.get(60, TimeUnit.SECONDS));
                        }

                        applied.sort(Comparator.comparing(Integer::valueOf));
                        assertEquals(scriptVersions(), applied, "round " + round + ": each version applied by one instance");
                        assertEquals(scriptVersions().stream().map(v -> v + " SQL").toList(), history(db), "round " + round);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @SqlOnly
        void takesOverASchemaThatAlreadyHoldsTheHostsTables() throws Exception {
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE host_orders (id INTEGER NOT NULL PRIMARY KEY)");
                    s.execute("INSERT INTO host_orders (id) VALUES (7)");
                }

                assertEquals(scriptVersions(), migrate(db));

                List<String> expected = new ArrayList<>(List.of("0 BASELINE"));
                scriptVersions().forEach(v -> expected.add(v + " SQL"));
                assertEquals(expected, history(db));
                assertEquals(1, count(db, "SELECT COUNT(*) FROM host_orders"));
            }
        }

        @SqlOnly
        void everyTimeColumnKeepsMicrosecondsWithoutTimeZoneConversion() throws Exception {
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                migrate(db);
                int checked = 0;
                try (Connection c = db.connect()) {
                    DatabaseMetaData meta = c.getMetaData();
                    try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                        while (rs.next()) {
                            String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                            int type = rs.getInt("DATA_TYPE");
                            if (!table.startsWith("messenger_") || table.equals(MessengerSchema.HISTORY_TABLE)
                                    || (type != Types.TIMESTAMP && type != Types.TIMESTAMP_WITH_TIMEZONE)) {
                                continue;
                            }
                            String column = table + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                            // MariaDB reports no DECIMAL_DIGITS for DATETIME(n), only its width: 19 + 1 + n.
                            int digits = rs.getObject("DECIMAL_DIGITS") != null ? rs.getInt("DECIMAL_DIGITS")
                                    : Math.max(0, rs.getInt("COLUMN_SIZE") - 20);
                            assertTrue(digits >= 6, column + " keeps " + digits + " fractional digits; use ${timestamp}");
                            if (kind() == Kind.MARIADB) {
                                assertNotEquals("TIMESTAMP", rs.getString("TYPE_NAME").toUpperCase(Locale.ROOT),
                                        column + " converts through the session time zone; use ${timestamp}");
                            }
                            checked++;
                        }
                    }
                }
                assertTrue(checked >= 19, "checked " + checked + " time columns");
            }
        }

        @Test
        void timesWrittenThroughJpaComeBackToTheMicrosecond() {
            try (TestDatabase db = TestDatabase.empty(kind()).open()) {
                Instant received = Instant.parse("2026-03-01T10:15:30.123456Z");
                Instant replied = received.plus(1, ChronoUnit.MICROS);
                new MessageLog(db.transactions(), Clock.systemUTC()).append(new MessageLog.Entry("bot-a", "111",
                        "messenger-9001", "m.1", "hi", "hello", "m.reply", MessageLog.Status.REPLIED, null, null, received, replied));

                MessageLog.Entry read = new MessageLog(db.transactions(), Clock.systemUTC())
                        .summary("bot-a", Optional.empty(), 0, 1).entries().get(0);
                assertEquals(received, read.receivedAt());
                assertEquals(replied, read.repliedAt());
            }
        }

        @Test
        void takesOverADatabaseOfTheEarlierMigratorWithoutRunningItsScriptsAgain() throws Exception {
            assumeTrue(kind() != Kind.MARIADB, "the earlier migrator never ran on MariaDB");
            try (TestDatabase.Empty empty = TestDatabase.empty(kind())) {
                createAsTheEarlierMigratorDid(empty);
                try (Connection c = empty.connect(); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO messenger_data_deletion (confirmation_code, user_hash, status,"
                            + " accounts_deleted, pages_deleted, tokens_deleted, requested_at)"
                            + " VALUES ('old', 'h', 'completed', 1, 0, 0, CURRENT_TIMESTAMP)");
                    // The read-then-write check of earlier versions could lose a race: two chatbots hold page 111.
                    s.executeUpdate(pageRow(1, "bot-a", "111", "2026-01-01 10:00:00"));
                    s.executeUpdate(pageRow(2, "bot-b", "111", "2026-01-02 10:00:00"));
                    s.executeUpdate(pageRow(3, "bot-b", "222", "2026-01-02 10:00:00"));
                }

                List<String> later = scriptVersions().stream().filter(v -> Integer.parseInt(v) > 2).toList();
                assertEquals(later, migrate(empty), "only versions after the earlier migrator's are applied");

                List<String> expected = new ArrayList<>(List.of("2 BASELINE"));
                later.forEach(v -> expected.add(v + " SQL"));
                assertEquals(expected, history(empty));
                assertEquals(1, count(empty, "SELECT COUNT(*) FROM messenger_data_deletion WHERE confirmation_code = 'old'"));

                try (TestDatabase db = empty.open()) {
                    LinkRepository links = new LinkRepository(db.transactions(), Clock.systemUTC());
                    assertEquals("bot-a", links.activePage("111").orElseThrow().chatbotId(), "the older link stays");
                    LinkedPage loser = links.page("bot-b", "111").orElseThrow();
                    assertFalse(loser.active());
                    assertTrue(loser.statusDetail().contains("linked to another chatbot"), loser.statusDetail());
                    assertEquals("bot-b", links.activePage("222").orElseThrow().chatbotId());

                    assertThrows(PageAlreadyLinkedException.class,
                            () -> links.savePage("bot-b", "111", "Shop", PageSource.PERSONAL, List.of("messages")));
                }
            }
        }

        @SqlOnly
        void aDatabaseWhoseUpgradeStoppedHalfWayIsCompleted() throws Exception {
            assumeTrue(kind() != Kind.MARIADB, "the earlier migrator never ran on MariaDB");
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                // The earlier migrator recorded version 1 only: version 2 had not run yet.
                createAsTheEarlierMigratorDid(db);
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE messenger_processed_event DROP COLUMN state");
                    s.execute("DELETE FROM messenger_schema_version WHERE version = 2");
                    s.executeUpdate("INSERT INTO messenger_processed_event (event_key, processed_at) VALUES ('m.old', CURRENT_TIMESTAMP)");
                }

                assertEquals(scriptVersions().stream().filter(v -> Integer.parseInt(v) > 1).toList(), migrate(db));
                assertEquals(1, count(db, "SELECT COUNT(*) FROM messenger_processed_event WHERE state = 'DONE'"));
            }
        }

        @SqlOnly
        void theRowOfAnInboundMessageIsFoundThroughAnIndexOnPageAndMessageId() throws Exception {
            // Every finished event replaces its message's row by (page_id, inbound_mid): without the index each
            // completion scans every row of the page.
            try (TestDatabase.Empty db = TestDatabase.empty(kind())) {
                migrate(db);
                assertTrue(indexes(db, "messenger_message_log").contains(List.of("page_id", "inbound_mid")),
                        indexes(db, "messenger_message_log").toString());
            }
        }

        static String pageRow(long id, String chatbot, String page, String linkedAt) {
            return "INSERT INTO messenger_page (id, chatbot_id, page_id, page_name, source, subscribed_fields, active, status,"
                    + " linked_at, updated_at) VALUES (" + id + ", '" + chatbot + "', '" + page + "', 'Shop', 'PERSONAL',"
                    + " 'messages', TRUE, 'ACTIVE', TIMESTAMP '" + linkedAt + "', TIMESTAMP '" + linkedAt + "')";
        }
    }

    @Nested
    class OnH2 extends Cases {
        @Override
        Kind kind() {
            return Kind.H2;
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.POSTGRES_URL_VARIABLE, matches = ".+")
    class OnPostgres extends Cases {
        @Override
        Kind kind() {
            return Kind.POSTGRESQL;
        }
    }

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends Cases {
        @Override
        Kind kind() {
            return Kind.MARIADB;
        }
    }

    static List<String> migrate(TestDatabase.Empty db) {
        return MessengerSchema.migrate(db.url(), db.user(), db.password());
    }

    /** The versions of the scripts in the jar, oldest first: new scripts need no change here. */
    static List<String> scriptVersions() {
        try (Stream<Path> files = Files.list(Path.of(MessengerSchemaTest.class.getResource("/META-INF/messengerkit/schema").toURI()))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .sorted(Comparator.comparing(Integer::valueOf))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Flyway's history, as "version type" (failed entries would say so). */
    static List<String> history(TestDatabase.Empty db) throws SQLException {
        // Flyway creates its table with quoted lower-case names, which H2 and PostgreSQL then want quoted.
        String quote = db.kind() == Kind.MARIADB ? "" : "\"";
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + quote + MessengerSchema.HISTORY_TABLE + quote
                        + " ORDER BY " + quote + "installed_rank" + quote)) {
            while (rs.next()) {
                // Flyway also records the creation of its own table, without a version.
                if (rs.getString("version") != null) {
                    rows.add(rs.getString("version") + " " + rs.getString("type") + (rs.getBoolean("success") ? "" : " FAILED"));
                }
            }
        }
        return rows;
    }

    static Set<String> tables(TestDatabase.Empty db) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** The columns of each index of a table, in index order, lower case. */
    static List<List<String>> indexes(TestDatabase.Empty db, String table) throws SQLException {
        java.util.Map<String, java.util.SortedMap<Short, String>> byIndex = new java.util.TreeMap<>();
        try (Connection c = db.connect()) {
            DatabaseMetaData meta = c.getMetaData();
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            try (ResultSet rs = meta.getIndexInfo(c.getCatalog(), c.getSchema(), name, false, false)) {
                while (rs.next()) {
                    if (rs.getString("INDEX_NAME") != null && rs.getString("COLUMN_NAME") != null) {
                        byIndex.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new java.util.TreeMap<>())
                                .put(rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return byIndex.values().stream().map(columns -> List.copyOf(columns.values())).toList();
    }

    static long count(TestDatabase.Empty db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The state the hand-written migrator of earlier versions left: versions 1 and 2 of the scripts
     * (as H2 and PostgreSQL spell the placeholders) and its version table.
     */
    static void createAsTheEarlierMigratorDid(TestDatabase.Empty db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE messenger_schema_version (version INTEGER NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            for (String script : List.of("V1__initial.sql", "V2__deduplication_claims.sql")) {
                for (String sql : statements(script)) {
                    s.execute(sql);
                }
                s.executeUpdate("INSERT INTO messenger_schema_version (version, script, applied_at) VALUES ("
                        + script.substring(1, script.indexOf("__")) + ", '" + script + "', CURRENT_TIMESTAMP)");
            }
        }
    }

    private static List<String> statements(String script) throws IOException {
        String text;
        try (InputStream in = MessengerSchemaTest.class.getResourceAsStream("/META-INF/messengerkit/schema/" + script)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        text = text.replace("${timestamp}", "TIMESTAMP").replace("${bytes}", "BYTEA").replace("${text}", "VARCHAR")
                .replace("${table_options}", "");
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.strip().startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        return statements;
    }
}
