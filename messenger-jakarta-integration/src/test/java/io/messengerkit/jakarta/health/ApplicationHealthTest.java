package io.messengerkit.jakarta.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AccessToken;
import io.messengerkit.config.GraphApiVersion;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.jakarta.persistence.JpaTokenStore;
import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.PageSource;
import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.testkit.emulator.MutableClock;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenService;
import io.messengerkit.token.TokenVault;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationHealthTest {
    private static final byte[] DELIVERY = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

    private TestDatabase db;
    private MutableClock clock;
    private WebhookInbox inbox;

    @BeforeEach
    void open() {
        db = TestDatabase.h2();
        clock = MutableClock.at(Instant.parse("2026-03-02T10:00:00Z"));
        inbox = new WebhookInbox(db.transactions(), clock);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private ApplicationHealth.Builder health() {
        return ApplicationHealth.builder(new HealthQueries(db.transactions(), clock)).clock(clock);
    }

    @Test
    void isReadyOnAnEmptyDatabaseAndAnswersInMicroProfileShape() {
        HealthResponse ready = health().build().readiness();

        assertTrue(ready.up(), ready.toJson());
        assertEquals(200, ready.httpStatus());
        assertTrue(ready.toJson().startsWith("{\"status\":\"UP\",\"checks\":[{\"name\":\"database\",\"status\":\"UP\",\"data\":{"),
                ready.toJson());
        assertEquals(List.of("database", "webhook-inbox", "pages-and-tokens", "graph-api-version"),
                ready.checks().stream().map(HealthCheckResult::name).toList());
    }

    @Test
    void reportsTheInboxBacklogTheAgeOfItsOldestDeliveryAndWhatWasSetAside() {
        inbox.accept(DELIVERY);
        clock.advance(Duration.ofMinutes(3));
        inbox.accept(DELIVERY);
        inbox.acceptFailed(DELIVERY, "not JSON");
        clock.advance(Duration.ofMinutes(2));

        Map<String, Object> data = health().build().readiness().check("webhook-inbox").orElseThrow().data();

        assertEquals(2L, data.get("pending"));
        assertEquals(0L, data.get("processing"));
        assertEquals(300L, data.get("oldest_unprocessed_age_seconds"));
        assertEquals(1L, data.get("set_aside"));
    }

    @Test
    void failsReadinessOnlyWhenTheOperatorsInboxAgeLimitIsPassed() {
        inbox.accept(DELIVERY);
        clock.advance(Duration.ofMinutes(20));

        assertTrue(health().build().readiness().up(), "no limit set: a backlog alone never takes the instance out");
        HealthResponse limited = health().inboxAgeLimit(Optional.of(Duration.ofMinutes(15))).build().readiness();
        assertFalse(limited.up());
        assertEquals(503, limited.httpStatus());
        assertFalse(limited.check("webhook-inbox").orElseThrow().up());
        assertTrue(limited.check("database").orElseThrow().up());
    }

    @Test
    void countsAccountsPagesAndTokensByStateWithoutNamingAny() {
        LinkRepository links = new LinkRepository(db.transactions(), clock);
        links.saveAccount("bot-1", "100000000000001", "Made-up User", Optional.empty(), List.of());
        links.savePage("bot-1", "200000000000001", "Made-up Page", PageSource.PERSONAL, List.of("messages"));
        links.savePage("bot-1", "200000000000002", "Other Page", PageSource.PERSONAL, List.of("messages"));
        links.setPageStatus("bot-1", "200000000000002", LinkStatus.RECONNECT_NEEDED, "log in again");
        TokenService tokens = new TokenService(new JpaTokenStore(db.transactions(), clock), TokenVault.of(TokenKeyset.generate()), clock);
        tokens.save(TokenKey.page("bot-1", "200000000000001"), AccessToken.of("made-up-page-token-1"),
                Optional.of(clock.instant().plus(Duration.ofDays(3))), Set.of());
        tokens.save(TokenKey.page("bot-1", "200000000000002"), AccessToken.of("made-up-page-token-2"), Optional.empty(), Set.of());
        tokens.markReconnectNeeded(TokenKey.page("bot-1", "200000000000002"));

        HealthCheckResult check = health().checkInterval(Duration.ofHours(1)).build().readiness()
                .check("pages-and-tokens").orElseThrow();

        assertTrue(check.up(), "pages needing attention do not take the instance out of service");
        assertEquals(1L, check.data().get("accounts_active"));
        assertEquals(1L, check.data().get("pages_active"));
        assertEquals(1L, check.data().get("pages_reconnect_needed"));
        assertEquals(1L, check.data().get("tokens_valid"));
        assertEquals(1L, check.data().get("tokens_reconnect_needed"));
        assertEquals(1L, check.data().get("tokens_expiring_within_7_days"));
        assertEquals(false, check.data().get("check_overdue"));
        String json = new HealthResponse(List.of(check)).toJson();
        assertFalse(json.contains("200000000000001") || json.contains("Made-up") || json.contains("bot-1"), json);

        clock.advance(Duration.ofHours(3));
        assertEquals(true, health().checkInterval(Duration.ofHours(1)).build().readiness()
                .check("pages-and-tokens").orElseThrow().data().get("check_overdue"));
    }

    @Test
    void tellsHowLongTheGraphApiVersionIsStillServed() {
        clock.advance(Duration.between(clock.instant(), Instant.parse("2026-08-01T00:00:00Z")));

        Map<String, Object> v20 = health().graphApiVersion(GraphApiVersion.of("v20.0")).build().readiness()
                .check("graph-api-version").orElseThrow().data();
        assertEquals("v20.0", v20.get("version"));
        assertEquals("2026-09-24", v20.get("available_until"));
        assertEquals(54L, v20.get("days_left"));
        assertEquals(true, v20.get("expires_within_90_days"));
        assertEquals(false, v20.get("expired"));

        Map<String, Object> v18 = health().graphApiVersion(GraphApiVersion.of("v18.0")).build().readiness()
                .check("graph-api-version").orElseThrow().data();
        assertEquals(true, v18.get("expired"));
        assertEquals(0L, v18.get("days_left"));
    }

    @Test
    void isNotReadyWhileTheDatabaseOpensOrWhenItIsGoneButStaysAlive() {
        AtomicBoolean open = new AtomicBoolean(false);
        ApplicationHealth health = health().databaseOpen(open::get).build();
        HealthResponse opening = health.readiness();
        assertFalse(opening.up());
        assertEquals("opening", opening.check("database").orElseThrow().data().get("reason"));

        open.set(true);
        assertTrue(health.readiness().up());
        db.close();
        db = null;

        HealthResponse gone = health.readiness();
        assertEquals(503, gone.httpStatus());
        assertEquals("unreachable", gone.check("database").orElseThrow().data().get("reason"));
        assertFalse(gone.check("webhook-inbox").orElseThrow().up());
        assertTrue(health.liveness().up(), "liveness never depends on the database");
    }

    @Test
    void answersWithinItsDatabaseTimeoutWhileAPingHangsAndStartsNoSecondPing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger pings = new AtomicInteger();
        JpaTransactions hanging = new JpaTransactions() {
            @Override
            public <T> T required(Function<EntityManager, T> work) {
                return requiresNew(work);
            }

            @Override
            public <T> T requiresNew(Function<EntityManager, T> work) {
                pings.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return db.transactions().requiresNew(work);
            }
        };
        ExecutorService executor = Executors.newCachedThreadPool();
        try {
            ApplicationHealth health = ApplicationHealth.builder(new HealthQueries(hanging, clock)).clock(clock)
                    .databaseTimeout(Duration.ofMillis(200), executor).build();

            HealthResponse first = health.readiness();
            HealthResponse second = health.readiness();

            assertEquals("timeout", first.check("database").orElseThrow().data().get("reason"));
            assertEquals(503, second.httpStatus());
            assertEquals(1, pings.get(), "the second probe waits for the ping already running");
            release.countDown();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!health.readiness().check("database").orElseThrow().up() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(health.readiness().check("database").orElseThrow().up());
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void readsTheInboxAgeLimitFromConfiguration() {
        assertEquals(Optional.empty(), ApplicationHealth.inboxAgeLimit(ConfigLookup.of(Map.of())));
        assertEquals(Optional.of(Duration.ofMinutes(15)),
                ApplicationHealth.inboxAgeLimit(ConfigLookup.of(Map.of(ApplicationHealth.INBOX_MAX_AGE_SETTING, "PT15M"))));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ApplicationHealth.inboxAgeLimit(ConfigLookup.of(Map.of(ApplicationHealth.INBOX_MAX_AGE_SETTING, "15 minutes"))));
        assertTrue(bad.getMessage().contains(ApplicationHealth.INBOX_MAX_AGE_SETTING), bad.getMessage());
    }
}
