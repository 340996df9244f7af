package io.messengerkit.jakarta.webhook;

import static io.messengerkit.jakarta.testing.TestServer.KEY_A;
import static io.messengerkit.jakarta.testing.TestServer.sign;
import static io.messengerkit.jakarta.testing.TestServer.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Events handled per second end to end (signed delivery over HTTP, queued, claimed, the chatbot asked, the
 * reply sent to the platform emulator, the event finished with its log row) against intake-only requests
 * per second in the same run, with the reply turn's cache off (every event looks its page up three times and
 * opens the token) and on. Not part of the test suite: run with {@code -Dreplyturn.benchmark=true} (see
 * docs/benchmarks.md). Each phase checks that every event was handled and answered.
 */
@EnabledIfSystemProperty(named = "replyturn.benchmark", matches = "true")
class ReplyTurnThroughputBenchmark {
    static final int EVENTS = Integer.getInteger("replyturn.events", 1000);
    static final int CLIENTS = Integer.getInteger("replyturn.clients", 8);
    static final int PEOPLE = 50;
    /**
     * Sends per second per page, at the emulator and in the SDK's limiter: Meta's 300 by default (every event
     * sends about four calls, so one page then caps the run near 75 events/s); raise it to see the reply turn's
     * own cost.
     */
    static final int SENDS_PER_SECOND = Integer.getInteger("replyturn.sendsPerSecond", 300);

    @Test
    void eventsHandledPerSecondAgainstIntakeOnly() throws Exception {
        TestDatabase db = System.getenv(TestDatabase.POSTGRES_URL_VARIABLE) != null
                && Boolean.getBoolean("replyturn.postgres") ? TestDatabase.postgres() : TestDatabase.h2();
        PlatformEmulator emulator = PlatformEmulator.builder().appId(TestServer.APP_ID).appSecret(TestServer.APP_SECRET)
                .sendRateLimitPerSecond(SENDS_PER_SECOND).start();
        try {
            DemoWorld world = emulator.seedDemo();
            String pageId = world.personalPage().id();
            List<String> people = new ArrayList<>();
            for (int i = 0; i < PEOPLE; i++) {
                people.add(world.personalPage().createCustomer("P" + i, "Load").psid());
            }
            TokenVault vault = TokenVault.of(TokenKeyset.generate());
            List<String> lines = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                for (Duration ttl : List.of(Duration.ZERO, Duration.ofSeconds(60))) {
                    lines.add(run(db, emulator, world, pageId, people, vault, ttl, round));
                }
            }
            System.out.println("[replyturn] events=" + EVENTS + " clients=" + CLIENTS + " sends/s per page="
                    + SENDS_PER_SECOND + " db=" + db);
            lines.forEach(l -> System.out.println("[replyturn] " + l));
        } finally {
            emulator.close();
            db.close();
        }
    }

    private String run(TestDatabase db, PlatformEmulator emulator, DemoWorld world, String pageId, List<String> people,
            TokenVault vault, Duration ttl, int round) throws Exception {
        db.transactions().run(em -> {
            for (String entity : List.of("AccountEntity", "PageEntity", "TokenEntity", "MessageLogEntity",
                    "InboxEntity", "ProcessedEventEntity", "EventEntity")) {
                em.createQuery("delete from " + entity + " e").executeUpdate();
            }
        });
        AtomicReference<CountDownLatch> gate = new AtomicReference<>(new CountDownLatch(0));
        AtomicInteger asked = new AtomicInteger();
        TestServer s = TestServer.start(db, TestServer.config(emulator.baseUrl()).toBuilder()
                .sendRateLimits(SENDS_PER_SECOND, 10).build(), b -> b
                .settings(TestServer.settings().withInbox(Duration.ofMillis(100), 3, Duration.ofMinutes(2),
                        Duration.ofMillis(200)))
                .replyCacheTtl(ttl)
                .responder(q -> {
                    gate.get().await(5, TimeUnit.MINUTES);
                    asked.incrementAndGet();
                    return "You said: " + q.text();
                }), vault);
        try {
            assertEquals(200, s.postJson("/api/fb-linkage/", KEY_A, "{\"chatbot_id\":\"bot-a\",\"access_token\":\""
                    + world.user().shortLivedToken().reveal() + "\"}").statusCode());
            assertEquals(200, s.postJson("/api/link-pages/", KEY_A,
                    "{\"chatbot_id\":\"bot-a\",\"page_ids\":[\"" + pageId + "\"]}").statusCode());
            String tag = "r" + round + "t" + ttl.toSeconds();
            // Each person writes once through the emulator first, which opens their messaging window there.
            emulator.webhookCallback(s.base().resolve("/api/webhook/"));
            for (String psid : people) {
                assertTrue(emulator.trigger().send(WebhookPayload.of(TestEvent.text(pageId, psid, "hi " + tag))).accepted());
            }
            awaitDone(s, PEOPLE);
            gate.set(new CountDownLatch(1));

            // 1. Intake only: the chatbot holds every worker, so the requests run alone.
            long intakeNanos = post(s, pageId, people, tag + "a", 0);
            double intakePerSecond = EVENTS / (intakeNanos / 1e9);
            gate.get().countDown();
            awaitDone(s, PEOPLE + EVENTS);

            // 2. End to end: the same number of deliveries with the bot running; from the first request to the
            // last event finished.
            long start = System.nanoTime();
            post(s, pageId, people, tag + "b", EVENTS);
            awaitDone(s, PEOPLE + 2L * EVENTS);
            double handledPerSecond = EVENTS / ((System.nanoTime() - start) / 1e9);
            assertEquals(PEOPLE + 2 * EVENTS, asked.get(), "every event reached the chatbot once");
            return String.format("round %d, reply cache %s: intake-only %.0f req/s, end to end %.0f events/s, ratio %.0f%%",
                    round, ttl.isZero() ? "off" : ttl.toSeconds() + " s", intakePerSecond, handledPerSecond,
                    100 * handledPerSecond / intakePerSecond);
        } finally {
            gate.get().countDown();
            s.close();
        }
    }

    /** Posts {@link #EVENTS} signed deliveries over {@link #CLIENTS} connections; returns the time taken. */
    private static long post(TestServer s, String pageId, List<String> people, String tag, int offset) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                        long now = System.currentTimeMillis();
                        String psid = people.get(i % people.size());
                        byte[] body = utf8("{\"object\":\"page\",\"entry\":[{\"id\":\"" + pageId + "\",\"time\":" + now
                                + ",\"messaging\":[{\"sender\":{\"id\":\"" + psid + "\"},\"recipient\":{\"id\":\"" + pageId
                                + "\"},\"timestamp\":" + now + ",\"message\":{\"mid\":\"m." + tag + "." + (offset + i)
                                + "\",\"text\":\"hello " + (offset + i) + "\"}}]}]}");
                        int status = s.postWebhook("/api/webhook/", body, sign(body)).statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("delivery answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(10, TimeUnit.MINUTES);
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitDone(TestServer s, long events) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < end) {
            var counts = s.backend().events().counts();
            if (counts.get(EventQueue.Status.DONE) >= events) {
                return;
            }
            if (counts.get(EventQueue.Status.SET_ASIDE) > 0) {
                throw new IllegalStateException("events set aside: " + counts);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("events not handled in time: " + s.backend().events().counts());
    }
}
