package io.messengerkit.jakarta.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.testing.LogCapture;
import io.messengerkit.jakarta.testing.RawHttp;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint bounds its body before anything buffers it, over real HTTP: a declared length
 * over the limit is refused before the body is read, a streamed (chunked) body is refused one
 * byte past the limit whoever reads it (a resource, Jersey's form buffering for the Login
 * callbacks, the JSON reading of the management API), and a client that hangs up mid-body is not
 * logged as a server error. The test server's webhook limit is 64 KiB; the other endpoints have
 * the default 64 KiB too.
 */
class RequestBodyLimitTest {
    static final int LIMIT = 64 * 1024;
    static final long HUGE = 300L * 1024 * 1024;

    static TestDatabase db;
    static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.h2();
        server = TestServer.start(db, TestServer.config(null), b -> { });
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** Every endpoint that takes a body, with the content type it expects and a key that lets it read the body. */
    static Stream<Arguments> endpoints() {
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        return Stream.of(
                Arguments.of("POST", "/api/webhook/", json),
                Arguments.of("POST", "/api/fb-data-deletion/", form),
                Arguments.of("POST", "/api/fb-deauthorize/", form),
                Arguments.of("POST", "/api/fb-linkage/", json),
                Arguments.of("POST", "/api/link-pages/", json),
                Arguments.of("POST", "/api/health-check/", json),
                Arguments.of("POST", "/api/refresh-pages/", json),
                Arguments.of("DELETE", "/api/unlink-pages/", json),
                Arguments.of("DELETE", "/api/fb-unlink-account/", json));
    }

    static String head(String method, String path, String type) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type
                + "\r\nAuthorization: Bearer " + TestServer.KEY_A + "\r\nX-Hub-Signature-256: sha256=" + "0".repeat(64);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void refusesADeclaredLengthOverTheLimitBeforeReadingTheBody(String method, String path, String type) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.base(),
                head(method, path, type) + "\r\nContent-Length: " + HUGE, HUGE, (byte) 'a', false);
        assertTooLarge(answer);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void refusesAStreamedBodyOneBytePastTheLimit(String method, String path, String type) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.base(), head(method, path, type), LIMIT + 1, (byte) 'a', true);
        assertTooLarge(answer);
    }

    @Test
    void aFormBodyExactlyAtTheLimitIsReadAndJudgedOnItsContent() throws IOException {
        String field = "signed_request=";
        byte[] body = (field + "a".repeat(LIMIT - field.length())).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        RawHttp.Answer answer = RawHttp.exchange(server.base(), ("POST /api/fb-deauthorize/ HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n" + new String(body, java.nio.charset.StandardCharsets.US_ASCII)
                + "\r\n0\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(403, answer.status(), answer.body());
        assertTrue(answer.body().contains("invalid-signed-request"), answer.body());
    }

    /**
     * 300 MB streamed at every endpoint, one after the other, while a sampler watches the heap: the
     * server reads a little past the limit, answers 413, closes the connection, and its heap never
     * grows by more than a few megabytes. (Buffering one such body would need 300 MB at least.)
     */
    @Test
    void threeHundredMegabytesStreamedAtEveryEndpointGrowTheHeapByAFewMegabytesAtMost() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<Arguments> all = endpoints().toList();
        long worstGrowth = 0;
        long worstWritten = 0;
        for (Arguments endpoint : all) {
            Object[] a = endpoint.get();
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    Thread.onSpinWait();
                }
            });
            sampler.start();
            RawHttp.Answer answer = RawHttp.exchange(server.base(), head((String) a[0], (String) a[1], (String) a[2]),
                    HUGE, (byte) 'a', true);
            sampling.set(false);
            sampler.join();
            assertTooLarge(answer);
            worstGrowth = Math.max(worstGrowth, peak.get() - before);
            worstWritten = Math.max(worstWritten, answer.bodyBytesWritten());
        }
        System.out.printf("300 MB streamed at %d endpoints: the server let in at most %d KiB; heap grew by at most %d KiB%n",
                all.size(), worstWritten / 1024, worstGrowth / 1024);
        assertTrue(worstWritten < 32L * 1024 * 1024, "the server stopped reading near the limit: " + worstWritten);
        // The heap is the whole test JVM's (client, server, the backend's pollers), so other garbage shows up here
        // on a busy machine; a buffered body would show as 300 MB, far past this bound.
        assertTrue(worstGrowth < 64L * 1024 * 1024, "heap growth " + worstGrowth / 1024 + " KiB");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void aClientThatHangsUpMidBodyIsNotAServerError(String method, String path, String type) throws Exception {
        try (LogCapture logs = new LogCapture()) {
            RawHttp.hangUpMidBody(server.base(), head(method, path, type), 50_000, 1_000);
            // The server notices when it reads the body; give it a moment, then check that it still serves.
            Thread.sleep(300);
            assertEquals(200, server.get("/api/webhook/?hub.mode=subscribe&hub.verify_token=" + TestServer.VERIFY_TOKEN
                    + "&hub.challenge=7", null).statusCode());
            // The project's own loggers (System.Logger) go to JUL here, where the capture sees them.
            List<String> errors = logs.lines().stream()
                    .filter(line -> line.contains("SEVERE:") || line.contains("WARNING:") || line.startsWith("ERROR")
                            || line.startsWith("WARNING") || line.contains("Unexpected failure"))
                    .toList();
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        }
    }

    private static void assertTooLarge(RawHttp.Answer answer) {
        assertEquals(413, answer.status(), answer.body());
        assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json"), answer.headers().toString());
        assertTrue(answer.body().contains("\"type\":\"https://messengerkit.io/problems/too-large\""), answer.body());
        assertTrue(answer.body().contains("\"limit\":" + LIMIT), answer.body());
        assertFalse(answer.body().contains("Exception"), answer.body());
        assertTrue(answer.bodyBytesWritten() < HUGE, "the server did not read the whole body: " + answer.bodyBytesWritten() + " " + answer.headers());
    }
}
