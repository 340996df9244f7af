package io.messengerkit.jakarta.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.DashboardQueries.DayCount;
import io.messengerkit.jakarta.persistence.DashboardQueries.FailureCount;
import io.messengerkit.jakarta.persistence.DashboardQueries.MessageFigures;
import io.messengerkit.jakarta.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

class DashboardQueriesTest {
    static final LocalDate DAY_1 = LocalDate.of(2026, 11, 29);
    static final LocalDate DAY_2 = DAY_1.plusDays(1);
    static final LocalDate DAY_3 = DAY_1.plusDays(2);

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        MessageLog log;
        DashboardQueries queries;
        int mids;

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            log = new MessageLog(db.transactions(), Clock.systemUTC());
            queries = new DashboardQueries(db.transactions());
        }

        @AfterAll
        void stop() {
            db.close();
        }

        @BeforeEach
        void clean() {
            db.transactions().run(em -> em.createQuery("delete from MessageLogEntity m").executeUpdate());
        }

        static Instant at(LocalDate day, int hour, int minute) {
            return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
        }

        String replied(String chatbot, Instant received, long latencyMillis) {
            String mid = "m.mid." + (++mids);
            log.append(new MessageLog.Entry(chatbot, "111", "messenger-9001", mid, "hi", "hello", "m.reply." + mids,
                    MessageLog.Status.REPLIED, null, null, received, received.plusMillis(latencyMillis)));
            return mid;
        }

        void failed(String chatbot, String mid, Instant received, Integer code) {
            log.append(new MessageLog.Entry(chatbot, "111", "messenger-9001", mid, "hi", "hello", null,
                    MessageLog.Status.FAILED, code, code == null ? "IllegalStateException: boom" : "GraphException",
                    received, null));
        }

        void postback(String chatbot, Instant at) {
            log.append(new MessageLog.Entry(chatbot, "111", "messenger-9001", null, "Opening hours", "9 to 5", "m.pb",
                    MessageLog.Status.REPLIED, null, null, at, at));
        }

        @Test
        void countsEveryDayOfTheRangeWithZerosAndInboundTurnsOnce() {
            replied("bot-a", at(DAY_1, 9, 0), 100);
            replied("bot-a", at(DAY_1, 23, 59), 100);
            // A delivery retried after a failed send: one message, one failure, one answer.
            String retried = "m.retried";
            failed("bot-a", retried, at(DAY_3, 10, 0), 551);
            log.append(new MessageLog.Entry("bot-a", "111", "messenger-9001", retried, "hi", "hello", "m.reply.r",
                    MessageLog.Status.REPLIED, null, null, at(DAY_3, 10, 0), at(DAY_3, 10, 1)));
            postback("bot-a", at(DAY_3, 11, 0));
            log.append(new MessageLog.Entry("bot-a", "111", "messenger-9001", "m.silent", "ok", null, null,
                    MessageLog.Status.NO_REPLY, null, null, at(DAY_3, 12, 0), null));

            MessageFigures figures = queries.figures("bot-a", DAY_1, DAY_3);

            assertEquals(List.of(new DayCount(DAY_1, 2, 2, 0), new DayCount(DAY_2, 0, 0, 0), new DayCount(DAY_3, 3, 2, 1)),
                    figures.days());
            assertEquals(new DayCount(DAY_3, 5, 4, 1), figures.totals());
            assertEquals(DAY_1, figures.from());
            assertEquals(DAY_3, figures.to());
        }

        @Test
        void latencyPercentilesAreNearestRankOverAnsweredMessageTurns() {
            for (int millis = 100; millis >= 1; millis--) {
                replied("bot-a", at(DAY_2, 8, millis % 60), millis);
            }
            // Postback turns carry no message timestamp, failures no answer: neither is a latency sample.
            postback("bot-a", at(DAY_2, 9, 0));
            failed("bot-a", "m.failed", at(DAY_2, 9, 1), 613);

            DashboardQueries.ReplyLatency latency = queries.figures("bot-a", DAY_1, DAY_3).latency().orElseThrow();

            assertEquals(100, latency.samples());
            assertEquals(Duration.ofMillis(50), latency.p50());
            assertEquals(Duration.ofMillis(90), latency.p90());
            assertEquals(Duration.ofMillis(99), latency.p99());
        }

        @Test
        void fewSamplesGiveTheirOwnValuesAndNoneGiveNoPercentiles() {
            assertTrue(queries.figures("bot-a", DAY_1, DAY_3).latency().isEmpty());
            replied("bot-a", at(DAY_2, 8, 0), 2_400);
            replied("bot-a", at(DAY_2, 8, 1), 300);
            replied("bot-a", at(DAY_2, 8, 2), 700);

            DashboardQueries.ReplyLatency latency = queries.figures("bot-a", DAY_1, DAY_3).latency().orElseThrow();

            assertEquals(3, latency.samples());
            assertEquals(Duration.ofMillis(700), latency.p50());
            assertEquals(Duration.ofMillis(2_400), latency.p90());
            assertEquals(Duration.ofMillis(2_400), latency.p99());
        }

        @Test
        void failuresAreGroupedByGraphCodeMostFrequentFirst() {
            failed("bot-a", "m.1", at(DAY_1, 1, 0), 551);
            failed("bot-a", "m.2", at(DAY_1, 2, 0), 613);
            failed("bot-a", "m.3", at(DAY_2, 3, 0), 613);
            failed("bot-a", "m.4", at(DAY_3, 4, 0), null);
            replied("bot-a", at(DAY_3, 5, 0), 10);

            assertEquals(List.of(new FailureCount(Optional.of(613), 2), new FailureCount(Optional.of(551), 1),
                    new FailureCount(Optional.empty(), 1)), queries.figures("bot-a", DAY_1, DAY_3).failures());
        }

        @Test
        void seesOnlyTheChatbotsOwnTurnsInsideTheRange() {
            replied("bot-a", at(DAY_2, 12, 0), 40);
            replied("bot-b", at(DAY_2, 12, 0), 9_000);
            failed("bot-b", "m.b", at(DAY_2, 13, 0), 190);
            replied("bot-a", at(DAY_1.minusDays(1), 23, 59), 9_000);
            replied("bot-a", at(DAY_3.plusDays(1), 0, 0), 9_000);

            MessageFigures figures = queries.figures("bot-a", DAY_1, DAY_3);

            assertEquals(new DayCount(DAY_3, 1, 1, 0), figures.totals());
            assertEquals(Duration.ofMillis(40), figures.latency().orElseThrow().p99());
            assertEquals(List.of(), figures.failures());
        }

        @Test
        void refusesARangeOutsideOneToNinetyDays() {
            assertThrows(IllegalArgumentException.class, () -> queries.figures("bot-a", DAY_2, DAY_1));
            assertThrows(IllegalArgumentException.class, () -> queries.figures("bot-a", DAY_1, DAY_1.plusDays(90)));
            assertEquals(90, queries.figures("bot-a", DAY_1, DAY_1.plusDays(89)).days().size());
        }

        @Test
        void schemaTwentyFillsInTheLatencyOfTurnsLoggedBeforeIt() throws Exception {
            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM "
                    + quoted(c, MessengerSchema.HISTORY_TABLE) + " WHERE " + quoted(c, "version") + " = '20'")) {
                assertTrue(rs.next() && rs.getInt(1) == 1, "version 20 applied");
            }
            LocalDateTime received = DAY_2.atTime(10, 0, 0, 250_000_000);
            try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO messenger_message_log"
                    + " (id, chatbot_id, page_id, session_id, inbound_mid, status, received_at, replied_at)"
                    + " VALUES (?, 'bot-a', '111', 'messenger-9001', ?, ?, ?, ?)")) {
                Object[][] rows = {
                    {1_000_001L, "m.old", "REPLIED", received, received.plusNanos(1_250_000_000L)},
                    {1_000_002L, null, "REPLIED", received, received},
                    {1_000_003L, "m.old.failed", "FAILED", received, null},
                };
                for (Object[] row : rows) {
                    insert.setLong(1, (Long) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.setTimestamp(4, Timestamp.valueOf((LocalDateTime) row[3]));
                    insert.setTimestamp(5, row[4] == null ? null : Timestamp.valueOf((LocalDateTime) row[4]));
                    insert.executeUpdate();
                }
            }
            List<String> statements;
            try (Connection c = db.connect()) {
                statements = version20Statements(c.getMetaData().getDatabaseProductName());
            }
            db.transactions().run(em -> statements.forEach(sql -> em.createNativeQuery(sql).executeUpdate()));

            try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT id, reply_latency_ms FROM messenger_message_log WHERE id > 1000000 ORDER BY id")) {
                rs.next();
                assertEquals(1_250L, rs.getLong(2));
                rs.next();
                assertNull(rs.getObject(2), "a postback turn has no latency");
                rs.next();
                assertNull(rs.getObject(2), "an unanswered turn has no latency");
            }
            assertEquals(Duration.ofMillis(1_250), queries.figures("bot-a", DAY_2, DAY_2).latency().orElseThrow().p50());
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

    @Nested
    @EnabledIfEnvironmentVariable(named = TestDatabase.MARIADB_URL_VARIABLE, matches = ".+")
    class OnMariaDb extends Cases {
        @Override
        TestDatabase open() {
            return TestDatabase.mariadb();
        }
    }

    /** Flyway's names as H2 keeps them (lower case, so quoted); the other databases fold or ignore case. */
    private static String quoted(Connection c, String name) throws java.sql.SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2") ? "\"" + name + "\"" : name;
    }

    /** Version 20's statements as Flyway runs them on the database. */
    private static List<String> version20Statements(String product) throws java.io.IOException {
        String epochOf = product.toLowerCase(java.util.Locale.ROOT).contains("maria") ? "UNIX_TIMESTAMP(" : "EXTRACT(EPOCH FROM ";
        try (var in = DashboardQueriesTest.class.getResourceAsStream("/META-INF/messengerkit/schema/V20__reply_latency.sql")) {
            String sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder code = new StringBuilder();
            for (String line : sql.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    code.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(code.toString().replace("${epoch_of}", epochOf).split(";"))
                    .map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }
}
