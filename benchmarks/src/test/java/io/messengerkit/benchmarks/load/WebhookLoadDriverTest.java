package io.messengerkit.benchmarks.load;

import com.sun.net.httpserver.HttpServer;
import io.messengerkit.AppSecret;
import io.messengerkit.webhook.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The driver against a small loopback server that checks every delivery the way the real webhook does. */
class WebhookLoadDriverTest {

    private static final String SECRET = "made-up-secret-for-the-driver-test";
    private static final String KEY = "made-up-key-for-the-driver-test";
    private static final Pattern MID = Pattern.compile("\"mid\":\"([^\"]+)\"");

    private HttpServer server;
    private final Set<String> mids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger forged = new AtomicInteger();
    private final AtomicInteger noop = new AtomicInteger();
    private final java.util.List<String> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        WebhookSignature signature = WebhookSignature.of(AppSecret.of(SECRET));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/webhook/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!signature.isValid(body, exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"))) {
                forged.incrementAndGet();
                exchange.sendResponseHeaders(403, -1);
            } else {
                Matcher m = MID.matcher(new String(body, StandardCharsets.UTF_8));
                if (!m.find() || !mids.add(m.group(1))) {
                    duplicates.incrementAndGet();
                }
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.createContext("/sample/noop", exchange -> {
            exchange.getRequestBody().readAllBytes();
            noop.incrementAndGet();
            // A chunked answer with a body, to exercise the driver's other framing.
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        server.createContext("/sample/processing", exchange -> {
            boolean ok = ("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            pauses.add(exchange.getRequestURI().getQuery());
            exchange.sendResponseHeaders(ok ? 200 : 401, -1);
            exchange.close();
        });
        server.createContext("/sample/inbox-count", exchange -> {
            boolean ok = ("Bearer " + KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = ("{\"count\":" + mids.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, ok ? answer.length : -1);
            if (ok) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsUniqueCorrectlySignedDeliveriesAndCountsThemAll() throws Exception {
        WebhookLoadDriver driver = new WebhookLoadDriver(Map.of(
                "target", "http://127.0.0.1:" + server.getAddress().getPort(),
                "connections", "3", "seconds", "0.3", "warmup-seconds", "0.1"),
                Map.of("MESSENGER_APP_SECRET", SECRET, "SAMPLE_API_KEY", KEY));
        WebhookLoadDriver.Report report = driver.run();

        assertEquals(0, forged.get(), "every signature verifies");
        assertEquals(0, duplicates.get(), "every delivery is unique");
        assertTrue(report.sent() > 0 && noop.get() > 0);
        assertEquals(report.sent(), report.ok());
        assertEquals(mids.size(), report.inbox(), "the driver counts what the server stored");
        assertTrue(report.nothingLost());
        assertTrue(report.half().ok() > 0 && report.half().failed() == 0);
        assertTrue(report.half().targetRate() > 0);
        assertEquals(java.util.List.of("paused=true", "paused=false"), pauses, "processing held for the run, then released");
    }

    @Test
    void reportsALossWhenTheServerStoresLessThanItAcknowledged() {
        WebhookLoadDriver.Result r = new WebhookLoadDriver.Result("/x", 10, 0, 1, 1_000_000, 2_000_000, 3_000_000, 0);
        WebhookLoadDriver.Report report = new WebhookLoadDriver.Report(java.util.List.of(r), java.util.List.of(r), r, 100, 100, 99, 1, true);
        assertFalse(report.nothingLost());
        assertFalse(report.passed());
    }

    @Test
    void percentileIsTheNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, WebhookLoadDriver.percentile(sorted, 0.50));
        assertEquals(10, WebhookLoadDriver.percentile(sorted, 0.99));
        assertEquals(0, WebhookLoadDriver.percentile(new long[0], 0.99));
    }
}
