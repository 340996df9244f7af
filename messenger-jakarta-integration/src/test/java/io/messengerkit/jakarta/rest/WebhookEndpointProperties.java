package io.messengerkit.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.jakarta.testing.HostileDeliveries;
import io.messengerkit.jakarta.testing.KeepAliveHttp;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import io.messengerkit.jakarta.webhook.DeliveryProcessor;
import io.messengerkit.jakarta.webhook.DispatcherDeliveryProcessor;
import io.messengerkit.webhook.WebhookDispatcher;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The webhook endpoint under generated and mutated deliveries, over real HTTP to the Jakarta
 * resource on Grizzly, with the real inbox, worker, parser and dispatcher behind it: no 5xx, no
 * stack trace in an answer, no exception escaping the processing of a stored delivery, no
 * SEVERE log line, and the good events of a mixed batch reach their handlers.
 *
 * <p>The properties share {@code fuzz.cases} cases (10,000 in an ordinary build, the module's
 * {@code fuzz.cases} Maven property), each its {@link Share} of them. A longer campaign raises it:
 * {@code mvn -B -pl messenger-jakarta-integration -am test -Dtest=WebhookEndpointProperties
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.cases=200000}.
 */
class WebhookEndpointProperties {
    /** The percentage of {@code fuzz.cases} a property runs: the costly ones (full processing) get less. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @AddLifecycleHook(Budget.class)
    @interface Share {
        int value();
    }

    /** Sets each property's tries from its share of {@code fuzz.cases}. */
    static final class Budget implements AroundPropertyHook {
        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            int cases = Integer.getInteger("fuzz.cases", 10_000);
            int share = context.findAnnotation(Share.class).map(Share::value).orElse(100);
            context.attributes().setTries(Math.max(1, (int) ((long) cases * share / 100)));
            currentProperty = context.label();
            return property.execute();
        }
    }

    static final int LIMIT = 64 * 1024;
    /** Loggers that speak per event or per refused body: silenced during the run, their SEVERE lines still counted. */
    static final List<String> CHATTY = List.of("io.messengerkit", "org.glassfish");

    static TestDatabase db;
    static TestServer server;
    static KeepAliveHttp client;
    static final Set<String> handled = ConcurrentHashMap.newKeySet();
    static final List<String> escaped = new CopyOnWriteArrayList<>();
    static final List<String> severe = new CopyOnWriteArrayList<>();
    static final List<String> expectedMids = new CopyOnWriteArrayList<>();
    static final Map<String, byte[]> batches = new ConcurrentHashMap<>();
    static final Map<String, Level> levels = new java.util.HashMap<>();
    static final Handler SEVERE_LINES = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                severe.add(record.getLoggerName() + ": " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeContainer
    static void start() {
        for (String name : CHATTY) {
            Logger logger = Logger.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.SEVERE);
        }
        Logger.getLogger("").addHandler(SEVERE_LINES);
        db = TestDatabase.h2();
        AtomicReference<DeliveryProcessor> real = new AtomicReference<>();
        server = TestServer.start(db, TestServer.config(null), b -> b
                .deliveryProcessor(body -> observed(real.get(), body)));
        // The SDK's dispatcher, as the backend builds it, with handlers that record what reached them.
        real.set(new DispatcherDeliveryProcessor(WebhookDispatcher.builder()
                .executor(Runnable::run)
                .onMessage((m, ctx) -> handled.add(String.valueOf(m.mid())))
                .onPostback((p, ctx) -> handled.add(String.valueOf(p.mid())))
                .build()));
        client = new KeepAliveHttp(server.base());
    }

    @AfterContainer
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (db != null) {
            db.close();
        }
        Logger.getLogger("").removeHandler(SEVERE_LINES);
        levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    /** The real processing, watched: a stored delivery must be processed, or refused for good as not a delivery. */
    static CompletableFuture<Void> observed(DeliveryProcessor real, byte[] body) {
        CompletableFuture<Void> outcome;
        try {
            outcome = real.process(body).toCompletableFuture();
        } catch (RuntimeException | Error e) {
            escaped.add("thrown by the processor: " + e + " for " + preview(body));
            throw e;
        }
        return outcome.whenComplete((ok, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause != null && !(cause instanceof DeliveryProcessor.PermanentDeliveryFailure)) {
                escaped.add("processing failed: " + cause + " for " + preview(body));
            }
        });
    }

    static long propertyStart;
    static volatile String currentProperty = "";

    @BeforeProperty
    void clear() {
        propertyStart = System.nanoTime();
        escaped.clear();
        severe.clear();
        expectedMids.clear();
        batches.clear();
        db.transactions().run(em -> em.createQuery("delete from InboxEntity r where r.state in ('DONE', 'FAILED')").executeUpdate());
        rowsMayNotGrow = false;
        rowsAtStart = total();
    }

    /** Every delivery stored by the property is processed; nothing escaped; nothing was logged as SEVERE. */
    @AfterProperty
    void everyStoredDeliveryIsProcessedAndNothingEscapes() throws InterruptedException {
        String label = currentProperty;
        long drainStart = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && escaped.isEmpty()) {
            Map<WebhookInbox.State, Long> counts = server.backend().inbox().counts();
            if (counts.get(WebhookInbox.State.PENDING) + counts.get(WebhookInbox.State.PROCESSING) == 0
                    && handled.containsAll(expectedMids)) {
                break;
            }
            Thread.sleep(20);
        }
        System.out.printf("%s: %d cases sent in %d ms, processing done %d ms later%n", label, sent.getAndSet(0),
                (drainStart - propertyStart) / 1_000_000, (System.nanoTime() - drainStart) / 1_000_000);
        assertTrue(escaped.isEmpty(), () -> escaped.size() + " processing failures, first: " + escaped.get(0));
        assertTrue(severe.isEmpty(), () -> severe.size() + " SEVERE log lines, first: " + severe.get(0));
        List<String> missing = new ArrayList<>(expectedMids);
        missing.removeAll(handled);
        assertTrue(missing.isEmpty(), () -> missing.size() + " good events never reached their handler, e.g. " + missing
                + " of " + preview(batches.get(missing.get(0)), 4000));
        Map<WebhookInbox.State, Long> counts = server.backend().inbox().counts();
        assertEquals(0L, counts.get(WebhookInbox.State.PENDING) + counts.get(WebhookInbox.State.PROCESSING), counts.toString());
        if (rowsMayNotGrow) {
            assertEquals(rowsAtStart, total(), "a delivery with a wrong signature was stored");
        }
    }

    static final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Every few hundred cases, deletes the finished inbox rows: the inbox keeps them for good, and its poll
     * scans them, so without this the run would slow down as it goes on.
     */
    static void purgeFinishedRowsNowAndThen() {
        if (sent.get() % 250 == 0) {
            db.transactions().run(em -> em.createQuery("delete from InboxEntity r where r.state in ('DONE', 'FAILED')")
                    .executeUpdate());
        }
    }

    @Provide
    Arbitrary<HostileDeliveries.Case> deliveries() {
        return HostileDeliveries.cases();
    }

    @Provide
    Arbitrary<HostileDeliveries.MixedBatch> mixedBatches() {
        return HostileDeliveries.mixedBatches();
    }

    @Property
    @Share(20)
    void aSignedDeliveryIsAnswered200Or413AndNeverAServerError(@ForAll("deliveries") HostileDeliveries.Case delivery) {
        purgeFinishedRowsNowAndThen();
        byte[] body = delivery.render();
        KeepAliveHttp.Answer r = post(body, TestServer.sign(body), "application/json");
        assertEquals(body.length > LIMIT ? 413 : 200, r.status(), () -> r.body() + " for " + preview(body));
        assertNoInternals(r);
    }

    @Property
    @Share(8)
    void theGoodEventsOfAMixedBatchReachTheirHandlers(@ForAll("mixedBatches") HostileDeliveries.MixedBatch batch) {
        purgeFinishedRowsNowAndThen();
        HostileDeliveries.MixedBatch.Rendered rendered = batch.render();
        KeepAliveHttp.Answer r = post(rendered.body(), TestServer.sign(rendered.body()), "application/json");
        assertEquals(200, r.status(), () -> r.body() + " for " + preview(rendered.body()));
        expectedMids.addAll(rendered.goodMids());
        rendered.goodMids().forEach(mid -> batches.put(mid, rendered.body()));
    }

    @Property
    @Share(42)
    void arbitrarySignedBytesAreStoredOrRefusedButNeverAServerError(
            @ForAll("arbitraryBodies") byte[] body, @ForAll("contentTypes") String contentType) {
        purgeFinishedRowsNowAndThen();
        KeepAliveHttp.Answer r = post(body, TestServer.sign(body), contentType);
        assertEquals(body.length > LIMIT ? 413 : 200, r.status(), () -> r.body() + " for " + preview(body));
        assertNoInternals(r);
    }

    @Provide
    Arbitrary<byte[]> arbitraryBodies() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(2048).map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Arbitrary<byte[]> big = Arbitraries.integers().between(LIMIT - 8, LIMIT + 8).map(n -> {
            byte[] b = new byte[n];
            java.util.Arrays.fill(b, (byte) '[');
            return b;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, random), net.jqwik.api.Tuple.of(5, text),
                net.jqwik.api.Tuple.of(1, big));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=UTF-8", "text/plain", "application/octet-stream",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=UTF-16");
    }

    @Property
    @Share(30)
    void aDeliveryWhoseSignatureDoesNotMatchIsRefused403AndNeverStored(
            @ForAll("deliveries") HostileDeliveries.Case delivery, @ForAll("forgeries") Forgery forgery) {
        byte[] body = delivery.render();
        KeepAliveHttp.Answer r = post(body, forgery.signature(body), "application/json");
        assertEquals(body.length > LIMIT ? 413 : 403, r.status(), r::body);
        assertNoInternals(r);
        // Checked once for the whole property, after the last case: not a single row was added.
        rowsMayNotGrow = true;
    }

    /** Ways to get the signature wrong. */
    enum Forgery {
        NONE, ZEROS, TRUNCATED, SHA1, OTHER_BODY, OTHER_SECRET, EMPTY, NOT_HEX, TWO_VALUES;

        String signature(byte[] body) {
            String good = TestServer.sign(body);
            return switch (this) {
                case NONE -> null;
                case ZEROS -> "sha256=" + "0".repeat(64);
                case TRUNCATED -> good.substring(0, good.length() - 2);
                case SHA1 -> "sha1=" + good.substring(7, 47);
                case OTHER_BODY -> TestServer.sign(java.util.Arrays.copyOf(body, body.length + 1));
                case OTHER_SECRET -> "sha256=" + io.messengerkit.AppSecret.of("not-the-app-secret").hmacSha256Hex(body);
                case EMPTY -> "";
                case NOT_HEX -> "sha256=" + "zz".repeat(32);
                case TWO_VALUES -> "sha256=" + "0".repeat(64) + ", " + good;
            };
        }
    }

    @Provide
    Arbitrary<Forgery> forgeries() {
        return Arbitraries.of(Forgery.class);
    }

    static long total() {
        return server.backend().inbox().counts().values().stream().mapToLong(Long::longValue).sum();
    }

    static long rowsAtStart;
    static boolean rowsMayNotGrow;

    static KeepAliveHttp.Answer post(byte[] body, String signature, String contentType) {
        sent.incrementAndGet();
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-Hub-Signature-256", signature);
        try {
            return client.post("/api/webhook/", headers, body);
        } catch (IOException e) {
            throw new AssertionError("no answer for " + preview(body), e);
        }
    }

    static void assertNoInternals(KeepAliveHttp.Answer r) {
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("Grizzly"), r.body());
        assertTrue(r.status() < 500, r.body());
    }

    static String preview(byte[] body) {
        return preview(body, 300);
    }

    static String preview(byte[] body, int length) {
        String text = new String(body, 0, Math.min(body.length, length), java.nio.charset.StandardCharsets.ISO_8859_1);
        return body.length + " bytes: " + text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
