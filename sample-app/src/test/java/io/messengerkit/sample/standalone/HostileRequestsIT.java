package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.testing.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The standalone sample as an attacker meets it: the built jar, run as its own process with a 64 MB heap
 * ({@code -XX:+ExitOnOutOfMemoryError}, so running out of memory ends it), in demo mode so the demo endpoints
 * are there too. Several 300 MB bodies at once at every endpoint that takes one are refused with 413 and the
 * server lives on; malformed requests get a 400 problem without a stack trace or a server banner; a client
 * that hangs up mid-body is not logged as an error.
 */
class HostileRequestsIT {
    private static final String API_KEY = "made-up-demo-api-key-0123456789";
    private static final long HUGE = 300L * 1024 * 1024;

    @TempDir
    static Path temp;

    private static Process app;
    private static Path log;
    private static URI base;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path jar = Path.of(System.getProperty("sample.target", "target"), "sample-app-standalone.jar");
        log = temp.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MESSENGER") || name.startsWith("DB_")
                || name.startsWith("SAMPLE_") || name.equals("PUBLIC_URL"));
        builder.environment().put("MESSENGERKIT_MODE", "demo");
        builder.environment().put("SAMPLE_DEMO_API_KEY", API_KEY);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("DATA_DIR", temp.resolve("data").toString());
        app = builder.start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!healthy()) {
            assertTrue(app.isAlive(), () -> "the app died while starting:\n" + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "the app did not become healthy:\n" + read(log));
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.descendants().forEach(ProcessHandle::destroy);
            app.destroy();
            app.waitFor();
        }
    }

    /** Every endpoint of the sample that takes a body: the module's, and the demo's. */
    private static final String[][] ENDPOINTS = {
        {"POST", "/api/webhook/", "application/json"},
        {"POST", "/api/fb-data-deletion/", "application/x-www-form-urlencoded"},
        {"POST", "/api/fb-deauthorize/", "application/x-www-form-urlencoded"},
        {"POST", "/api/fb-linkage/", "application/json"},
        {"POST", "/api/link-pages/", "application/json"},
        {"POST", "/api/health-check/", "application/json"},
        {"POST", "/api/refresh-pages/", "application/json"},
        {"DELETE", "/api/unlink-pages/", "application/json"},
        {"POST", "/api/demo/messages", "application/json"},
    };

    private static String head(String[] endpoint) {
        return endpoint[0] + " " + endpoint[1] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + endpoint[2]
                + "\r\nAuthorization: Bearer " + API_KEY + "\r\nX-Hub-Signature-256: sha256=" + "0".repeat(64);
    }

    @Test
    void severalThreeHundredMegabyteBodiesAtOnceDoNotTakeDownAServerWithA64MegabyteHeap() throws Exception {
        long rssBefore = residentKiB();
        ExecutorService clients = Executors.newFixedThreadPool(ENDPOINTS.length * 3);
        try {
            List<Future<RawHttp.Answer>> answers = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String[] endpoint : ENDPOINTS) {
                    boolean declared = round == 2;
                    names.add(endpoint[0] + " " + endpoint[1] + (declared ? " with Content-Length" : " chunked"));
                    answers.add(clients.submit(() -> RawHttp.exchange(base,
                            head(endpoint) + (declared ? "\r\nContent-Length: " + HUGE : ""), HUGE, (byte) 'a', !declared)));
                }
            }
            long mostLetIn = 0;
            for (int i = 0; i < answers.size(); i++) {
                RawHttp.Answer answer = answers.get(i).get();
                String name = names.get(i);
                assertEquals(413, answer.status(), () -> name + ": " + answer.headers() + " " + answer.body() + "\n" + read(log));
                assertTrue(answer.body().contains("\"status\":413"), answer.body());
                mostLetIn = Math.max(mostLetIn, answer.bodyBytesWritten());
            }
            assertTrue(app.isAlive(), () -> "the server died:\n" + read(log));
            assertTrue(healthy(), "the server still answers");
            long rssAfter = residentKiB();
            System.out.printf("%d bodies of 300 MB at once: the server let in at most %d KiB of one; resident memory %d -> %d KiB%n",
                    answers.size(), mostLetIn / 1024, rssBefore, rssAfter);
            assertTrue(mostLetIn < 32L * 1024 * 1024, "the server stopped reading near the limit: " + mostLetIn);
            assertFalse(read(log).contains("OutOfMemoryError"), read(log));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void malformedRequestsGetA400ProblemWithoutStackTraceOrBanner() throws IOException {
        for (String request : new String[] {
            "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /?%%% HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET \\x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: [bad\r\n\r\n",
        }) {
            RawHttp.Answer answer = RawHttp.exchange(base, request.getBytes(StandardCharsets.ISO_8859_1));
            String what = request.lines().findFirst().orElse("");
            assertEquals(400, answer.status(), what + ": " + answer.body());
            assertTrue(answer.headers().getOrDefault("content-type", "").startsWith("application/problem+json"), what);
            assertTrue(answer.body().contains("\"status\":400"), what + ": " + answer.body());
            assertNoInternals(what, answer);
        }
        // Bytes the HTTP codec itself refuses: its bare 400 carries no trace or banner either.
        for (String request : new String[] {"GET /\u0001 HTTP/1.1\r\n\r\n", "POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"}) {
            RawHttp.Answer answer = RawHttp.exchange(base, request.getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(400, answer.status(), answer.body());
            assertNoInternals(request, answer);
        }
        assertTrue(healthy());
    }

    @Test
    void aClientThatHangsUpMidBodyIsNotLoggedAsAnError() throws Exception {
        int linesBefore = read(log).split("\n").length;
        for (String[] endpoint : ENDPOINTS) {
            RawHttp.hangUpMidBody(base, head(endpoint), 50_000, 1_000);
        }
        Thread.sleep(500);
        assertTrue(healthy());
        String[] lines = read(log).split("\n");
        for (int i = linesBefore; i < lines.length; i++) {
            assertFalse(lines[i].startsWith("SEVERE") || lines[i].startsWith("WARNING") || lines[i].contains("Exception"),
                    "logged after the hang-ups: " + lines[i]);
        }
    }

    @Test
    void changingRequestsTakeOnlyJsonAndDeleteBodiesReachTheApplication() throws IOException {
        String body = "{\"chatbot_id\":\"demo-bot\",\"page_id\":\"1\",\"text\":\"hi\"}";
        RawHttp.Answer demo = RawHttp.exchange(base, request("POST /api/demo/messages", "text/plain", body));
        assertEquals(415, demo.status(), demo.body());
        RawHttp.Answer management = RawHttp.exchange(base, request("POST /api/link-pages/", "text/plain", body));
        assertEquals(415, management.status(), management.body());
        // The admin page unlinks pages with a DELETE that has a JSON body: the application gets to judge it.
        RawHttp.Answer delete = RawHttp.exchange(base, request("DELETE /api/unlink-pages/", "application/json",
                "{\"chatbot_id\":\"demo-bot\",\"page_ids\":[\"1\"]}"));
        assertTrue(delete.headers().getOrDefault("content-type", "").contains("json"),
                "answered by the application, not refused by the HTTP codec: " + delete.status() + " " + delete.headers());
    }

    private static byte[] request(String requestLine, String type, String body) {
        return (requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + API_KEY + "\r\nContent-Type: " + type
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void assertNoInternals(String what, RawHttp.Answer answer) {
        assertNull(answer.headers().get("server"), what + ": no Server header");
        for (String leak : new String[] {"Grizzly", "Exception", "\tat ", "at org.", "at java."}) {
            assertFalse(answer.body().contains(leak), what + ": " + answer.body());
        }
    }

    private static boolean healthy() {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The app's resident memory in KiB (Linux), or -1 where /proc is not there. */
    private static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(app.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the figure is only printed.
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
