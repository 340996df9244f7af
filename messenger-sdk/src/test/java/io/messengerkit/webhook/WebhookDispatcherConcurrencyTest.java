package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.webhook.event.MessageEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherConcurrencyTest {
    private static final int CONVERSATIONS = 40;
    private static final int EVENTS_PER_CONVERSATION = 50;

    private final ExecutorService executor = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static String message(String page, String user, int seq) {
        return "{\"sender\":{\"id\":\"" + user + "\"},\"recipient\":{\"id\":\"" + page + "\"},\"timestamp\":" + seq
                + ",\"message\":{\"mid\":\"m_" + page + "_" + user + "_" + seq + "\",\"text\":\"" + seq + "\"}}";
    }

    /** Bodies that interleave all conversations: each body holds one event of many conversations, on two pages. */
    private static List<byte[]> interleavedBodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (int seq = 0; seq < EVENTS_PER_CONVERSATION; seq++) {
            StringBuilder page1 = new StringBuilder();
            StringBuilder page2 = new StringBuilder();
            for (int c = 0; c < CONVERSATIONS; c++) {
                StringBuilder target = c % 2 == 0 ? page1 : page2;
                if (target.length() > 0) {
                    target.append(',');
                }
                // The same PSID on two pages is two conversations.
                target.append(message(c % 2 == 0 ? "p1" : "p2", "u" + (c / 2), seq));
            }
            bodies.add(("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[" + page1
                    + "]},{\"id\":\"p2\",\"time\":1,\"messaging\":[" + page2 + "]}]}").getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    @Test
    void keepsOrderWithinEachConversationUnderConcurrency() throws Exception {
        Map<String, List<Integer>> order = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Random jitter = new Random(7);
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> {
                    String conversation = ctx.pageId() + "/" + ctx.userId();
                    AtomicInteger running = inFlight.computeIfAbsent(conversation, k -> new AtomicInteger());
                    if (running.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    if (jitter.nextInt(10) == 0) {
                        Thread.yield();
                    }
                    order.computeIfAbsent(conversation, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(Integer.parseInt(m.text()));
                    running.decrementAndGet();
                })
                .build();
        List<CompletableFuture<DispatchReport>> reports = new ArrayList<>();
        for (byte[] body : interleavedBodies()) {
            reports.add(dispatcher.dispatch(body));
        }
        int dispatched = 0;
        for (CompletableFuture<DispatchReport> r : reports) {
            dispatched += r.get(30, TimeUnit.SECONDS).dispatched();
        }
        assertEquals(CONVERSATIONS * EVENTS_PER_CONVERSATION, dispatched);
        assertEquals(0, overlaps.get(), "two events of one conversation ran at the same time");
        assertEquals(CONVERSATIONS, order.size());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_CONVERSATION; i++) {
            expected.add(i);
        }
        order.forEach((conversation, seen) -> assertEquals(expected, seen, conversation));
    }

    @Test
    void runsDifferentConversationsInParallel() throws Exception {
        // Every conversation's first event waits until four conversations are inside a handler at once:
        // with serial execution across conversations the barrier would never trip.
        CyclicBarrier together = new CyclicBarrier(4);
        AtomicInteger tripped = new AtomicInteger();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> {
                    together.await(10, TimeUnit.SECONDS);
                    tripped.incrementAndGet();
                })
                .build();
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[" + message("p1", "a", 1) + ","
                + message("p1", "b", 1) + "," + message("p1", "c", 1) + "," + message("p1", "d", 1) + "]}]}";
        DispatchReport report = dispatcher.dispatch(body.getBytes(StandardCharsets.UTF_8)).get(30, TimeUnit.SECONDS);
        assertEquals(4, report.dispatched());
        assertEquals(4, tripped.get());
    }

    @Test
    void handlesConcurrentDuplicatesOnce() throws Exception {
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> handled.computeIfAbsent(m.mid(), k -> new AtomicInteger()).incrementAndGet())
                .onRead((r, ctx) -> handled.computeIfAbsent("read/" + ctx.userId(), k -> new AtomicInteger())
                        .incrementAndGet())
                .build();
        List<byte[]> bodies = interleavedBodies().subList(0, 5);
        String read = "{\"sender\":{\"id\":\"reader\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":9,\"read\":{\"watermark\":8}}";
        byte[] readBody = ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[" + read + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
        int copies = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(copies);
        List<CompletableFuture<DispatchReport>> reports = Collections.synchronizedList(new ArrayList<>());
        try {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int copy = 0; copy < copies; copy++) {
                sent.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (byte[] body : bodies) {
                        reports.add(dispatcher.dispatch(body));
                    }
                    reports.add(dispatcher.dispatch(readBody));
                }, senders));
            }
            start.countDown();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }
        int dispatched = 0;
        int duplicates = 0;
        for (CompletableFuture<DispatchReport> r : reports) {
            DispatchReport report = r.get(30, TimeUnit.SECONDS);
            dispatched += report.dispatched();
            duplicates += report.duplicates();
        }
        int distinct = 5 * CONVERSATIONS + 1;
        assertEquals(distinct, handled.size());
        handled.forEach((key, count) -> assertEquals(1, count.get(), key));
        assertEquals(distinct, dispatched);
        assertEquals(distinct * (copies - 1), duplicates);
    }

    @Test
    void structurallyMutatedBodiesStillDeliverEveryUntouchedMessage() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(2026);
        for (String name : Corpus.ALL) {
            for (int round = 0; round < 30; round++) {
                JsonNode tree = mapper.readTree(Corpus.bytes(name));
                List<JsonNode> items = new ArrayList<>();
                tree.get("entry").forEach(entry -> {
                    if (entry.has("messaging")) {
                        entry.get("messaging").forEach(items::add);
                    }
                });
                if (items.isEmpty()) {
                    continue;
                }
                JsonNode victim = items.get(random.nextInt(items.size()));
                List<String> untouched = new ArrayList<>();
                for (JsonNode item : items) {
                    if (item != victim && item.has("message") && !item.path("message").path("is_echo").asBoolean()) {
                        untouched.add(item.path("message").path("mid").asText());
                    }
                }
                WebhookParserRobustnessTest.mutateSomewhere(victim, random);
                List<String> delivered = Collections.synchronizedList(new ArrayList<>());
                WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                        .onMessage((m, ctx) -> delivered.add(m.mid()))
                        .onError((e, error) -> { })
                        .build();
                DispatchReport report = dispatcher.dispatch(mapper.writeValueAsBytes(tree)).get(10, TimeUnit.SECONDS);
                assertTrue(delivered.containsAll(untouched), name + " round " + round + ": " + delivered);
                assertEquals(0, report.failed());
            }
        }
    }

    @Test
    void randomMutationsNeverThrowAndStillDeliverGoodEvents() throws Exception {
        Random random = new Random(99);
        List<MessageEvent> delivered = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .deduplication(DeduplicationLedger.inMemory(java.time.Duration.ofMinutes(1), 10))
                .onMessage((m, ctx) -> delivered.add(m))
                .onUnhandled((e, ctx) -> { })
                .onError((e, error) -> { })
                .build();
        for (String name : Corpus.ALL) {
            byte[] original = Corpus.bytes(name);
            for (int round = 0; round < 100; round++) {
                byte[] mutated = original.clone();
                mutated[random.nextInt(mutated.length)] = (byte) "{}[],:\"x1 ".charAt(random.nextInt(10));
                DispatchReport report = dispatcher.dispatch(mutated).get(10, TimeUnit.SECONDS);
                assertEquals(report.events(), report.dispatched() + report.duplicates() + report.failed()
                        + report.ignored() + (report.events() == 0 ? 0 : report.unparseable()));
            }
        }
        delivered.clear();
        byte[] clean = Corpus.bytes("multi-page-batch.json");
        WebhookDispatcher fresh = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> delivered.add(m)).build();
        assertEquals(3, fresh.dispatch(clean).get(10, TimeUnit.SECONDS).dispatched());
        assertEquals(3, delivered.size());
    }
}
