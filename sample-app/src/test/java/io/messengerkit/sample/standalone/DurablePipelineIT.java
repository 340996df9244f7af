package io.messengerkit.sample.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.messengerkit.AppSecret;
import io.messengerkit.testkit.emulator.DemoWorld;
import io.messengerkit.testkit.emulator.EmulatedGraphError;
import io.messengerkit.testkit.emulator.Fault;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.trigger.TestEvent;
import io.messengerkit.testkit.trigger.WebhookPayload;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import io.messengerkit.token.TokenKeyset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The durable pipeline with real processes: several JVMs of the standalone sample in live mode on one
 * PostgreSQL schema (fresh per run), behind a round-robin, with the platform emulator as Meta. Every
 * message is delivered three times at once, and once more late, after everything was handled (the
 * original and three redeliveries); some sends
 * are refused by the emulator (transient 429/500 once, permanent 551 always); one JVM is killed with
 * {@code kill -9} ({@link Process#destroyForcibly()}) mid-burst and started again.
 *
 * <p>Asserted from the emulator's transcripts and the database: every message answered exactly once
 * in its conversation's order (refused ones: no reply, set aside), nothing lost, one message-log row
 * per message. A send cut off by the kill may be set aside as {@code OUTCOME_UNKNOWN}; the test plays
 * the operator: if the reply reached Meta it is left alone, else it is queued again, and must then be
 * answered once (after the later messages of its conversation, which moved on when it was set aside).
 *
 * <p>The size is set by system properties ({@code pipeline.conversations}, {@code pipeline.messages},
 * {@code pipeline.instances}, {@code pipeline.kills}); docs/architecture.md gives the soak command.
 */
@EnabledIfEnvironmentVariable(named = "MESSENGERKIT_TEST_POSTGRES_URL", matches = ".+")
class DurablePipelineIT {
    static final int CONVERSATIONS = Integer.getInteger("pipeline.conversations", 50);
    static final int MESSAGES = Integer.getInteger("pipeline.messages", 20);
    static final int INSTANCES = Integer.getInteger("pipeline.instances", 3);
    static final int KILLS = Integer.getInteger("pipeline.kills", 1);
    static final String KEY = "pipeline-it-api-key-0123456789";
    static final String BOT = "pipeline-bot";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static PlatformEmulator emulator;
    static DemoWorld world;
    static TestPage page;
    static String pgBase;
    static String pgUser;
    static String schema;
    static Path work;
    static Path keysetFile;
    static RoundRobin balancer;
    static final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pgBase = System.getenv("MESSENGERKIT_TEST_POSTGRES_URL");
        pgUser = System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_USER", "postgres");
        schema = "pipeline_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        work = Path.of(System.getProperty("sample.target", "target")).resolve("pipeline-it").resolve(schema);
        Files.createDirectories(work);
        keysetFile = work.resolve("token-keyset.json");
        TokenKeyset.generate().writeTo(keysetFile);
        emulator = PlatformEmulator.builder().appSecret(AppSecret.of("pipeline-it-app-secret"))
                .sendRateLimitPerSecond(100_000).start();
        world = emulator.seedDemo();
        page = world.personalPage();
        balancer = new RoundRobin(INSTANCES);
        // Started one after the other: the first migrates the schema (the others would wait on its lock anyway).
        for (int i = 0; i < INSTANCES; i++) {
            Instance instance = new Instance(i);
            instances.add(instance);
            instance.start();
            balancer.set(i, instance.base);
        }
        emulator.webhookCallback(balancer.base().resolve("/api/webhook/"));
    }

    @AfterAll
    static void stop() {
        for (Instance i : instances) {
            i.kill();
        }
        if (balancer != null) {
            balancer.close();
        }
        if (emulator != null) {
            emulator.close();
        }
        if (schema != null) {
            try {
                sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop " + schema + ": " + e);
            }
        }
    }

    static String text(int conversation, int message) {
        return String.format(Locale.ROOT, "c%02d-m%02d", conversation, message);
    }

    @Test
    void everyMessageIsAnsweredOnceInOrderAcrossProcessesRedeliveriesSendErrorsAndAKill() throws Exception {
        long started = System.nanoTime();
        link();
        List<String> psids = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            psids.add(page.createCustomer("Person" + c, "Test").psid());
        }
        // Send errors, chosen by message so the expectation is known: ~1% permanent (551), ~5% transient once.
        Map<String, List<String>> expected = new HashMap<>();
        int permanent = 0;
        for (int c = 0; c < CONVERSATIONS; c++) {
            List<String> replies = new ArrayList<>();
            for (int m = 0; m < MESSAGES; m++) {
                String t = text(c, m);
                int roll = new Random(c * 100_003L + m).nextInt(100);
                String reply = "You said: " + t;
                if (roll == 0) {
                    emulator.injectFault("/me/messages", reply + "\"", 1_000,
                            Fault.error(EmulatedGraphError.recipientUnavailable()));
                    permanent++;
                    continue;
                }
                if (roll <= 5) {
                    emulator.injectFault("/me/messages", reply + "\"", 1,
                            roll % 2 == 0 ? Fault.serverError(500) : Fault.rateLimited());
                }
                replies.add(reply);
            }
            expected.put(psids.get(c), replies);
        }
        int total = CONVERSATIONS * MESSAGES;
        int answerable = total - permanent;

        // The burst: conversations in parallel, each delivery posted twice at once and acknowledged before the next.
        WebhookTrigger trigger = emulator.trigger().withTimeout(Duration.ofSeconds(60));
        List<WebhookPayload> payloads = Collections.synchronizedList(new ArrayList<>());
        ExecutorService people = Executors.newFixedThreadPool(10);
        List<Future<?>> writing = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            int conversation = c;
            writing.add(people.submit(() -> {
                for (int m = 0; m < MESSAGES; m++) {
                    WebhookPayload payload = WebhookPayload.of(TestEvent.text(page.id(), psids.get(conversation),
                            text(conversation, m)));
                    payloads.add(payload);
                    trigger.sendConcurrently(payload, 3).forEach(d -> assertTrue(d.accepted(), d.toString()));
                }
                return null;
            }));
        }
        // kill -9 of one instance mid-burst, then a restart (repeated for a soak).
        for (int k = 0; k < KILLS; k++) {
            int threshold = answerable * (k + 1) / (KILLS + 2);
            await("replies before kill " + (k + 1), Duration.ofMinutes(3), () -> replies(psids) >= threshold);
            Instance victim = instances.get(1 + k % Math.max(1, INSTANCES - 1));
            balancer.set(victim.index, null);
            victim.kill();
            Thread.sleep(500);
            victim.start();
            balancer.set(victim.index, victim.base);
        }
        for (Future<?> f : writing) {
            f.get(5, TimeUnit.MINUTES);
        }
        await("every answerable message answered or set aside", Duration.ofMinutes(3),
                () -> unfinishedEvents() == 0 && countEvents() == total);

        // Late redeliveries of everything, in another order, after the first copies were handled.
        List<WebhookPayload> late = new ArrayList<>(payloads);
        Collections.shuffle(late, new Random(42));
        List<Future<?>> redelivering = new ArrayList<>();
        for (List<WebhookPayload> part : partition(late, 10)) {
            redelivering.add(people.submit(() -> {
                part.forEach(p -> assertTrue(trigger.send(p).accepted()));
                return null;
            }));
        }
        for (Future<?> f : redelivering) {
            f.get(5, TimeUnit.MINUTES);
        }
        people.shutdown();

        // The operator's part: an outcome unknown (a send cut off by the kill) is queued again only if no reply arrived.
        // A queued-again event is answered when it is queued again: after the later messages of its conversation.
        java.util.Set<String> requeued = new java.util.HashSet<>();
        int unknownOutcomes = 0;
        for (long[] unknown : unknownOutcomes()) {
            unknownOutcomes++;
            long id = unknown[0];
            String psid = personOf(id);
            String mid = midOf(id);
            boolean replied = emulator.conversation(page.id(), psid).replies().contains(replyTextOf(id));
            System.out.println("[pipeline-it] event " + id + " (" + mid + ") outcome unknown after the kill; reply "
                    + (replied ? "had reached Meta: left alone" : "had not: queued again"));
            if (!replied) {
                requeued.add(replyTextOf(id));
                HttpResponse<String> again = post(instances.get(0).base, "api/events/requeue/",
                        "{\"chatbot_id\":\"" + BOT + "\",\"event_id\":" + id + "}");
                assertEquals(200, again.statusCode(), again.body());
            }
        }
        await("all handled", Duration.ofMinutes(2), () -> unfinishedEvents() == 0);
        Thread.sleep(1000);

        // Exactly once, in order, from the emulator's transcripts.
        for (int c = 0; c < CONVERSATIONS; c++) {
            String psid = psids.get(c);
            List<String> actual = emulator.conversation(page.id(), psid).replies();
            assertEquals(expected.get(psid).stream().filter(r -> !requeued.contains(r)).toList(),
                    actual.stream().filter(r -> !requeued.contains(r)).toList(), "conversation " + c + " in order");
            for (String r : expected.get(psid)) {
                assertEquals(1, Collections.frequency(actual, r), "conversation " + c + ": " + r + " exactly once");
            }
            assertEquals(expected.get(psid).size(), actual.size(), "conversation " + c + ": no other reply");
        }
        // Nothing lost, refused ones set aside, one log row per message, from the database.
        assertEquals(total, countEvents(), "one event row per message");
        // Every refusal set aside with its reason. Not retried for the refusal itself; an attempt a kill cut short
        // (before its send, or an outcome unknown queued again above) counts too, so with several kills a few take two.
        assertEquals(permanent, scalar("SELECT COUNT(*) FROM messenger_event WHERE status = 'SET_ASIDE'"
                + " AND reason = 'RECIPIENT_UNAVAILABLE' AND graph_error_code = 551"));
        long refusalsRetried = scalar("SELECT COUNT(*) FROM messenger_event WHERE reason = 'RECIPIENT_UNAVAILABLE'"
                + " AND attempts > 1");
        if (KILLS <= 1) {
            assertTrue(refusalsRetried <= 1, refusalsRetried + " refusals took more than one attempt");
        }
        assertEquals(total, scalar("SELECT COUNT(*) FROM messenger_event WHERE status IN ('DONE', 'SET_ASIDE')"));
        assertEquals(total, scalar("SELECT COUNT(*) FROM messenger_message_log"), "one log row per message");
        assertEquals(total, scalar("SELECT COUNT(DISTINCT inbound_mid) FROM messenger_message_log"));
        assertEquals(permanent, scalar("SELECT COUNT(*) FROM messenger_message_log WHERE status = 'FAILED'"
                + " AND error_code = 551"));
        System.out.printf(Locale.ROOT, "[pipeline-it] %d processes, %d conversations x %d messages, %d permanent"
                        + " refusals (%d after a cut-short attempt), %d kill(s), %d outcome(s) unknown (%d queued again):"
                        + " %d replies, %.1f s%n", INSTANCES,
                CONVERSATIONS, MESSAGES, permanent, refusalsRetried, KILLS, unknownOutcomes, requeued.size(), replies(psids),
                (System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------- helpers

    static void link() throws Exception {
        URI first = instances.get(0).base;
        HttpResponse<String> linked = post(first, "api/fb-linkage/", "{\"chatbot_id\":\"" + BOT
                + "\",\"access_token\":\"" + world.user().shortLivedToken().reveal() + "\"}");
        assertEquals(200, linked.statusCode(), linked.body());
        HttpResponse<String> pages = post(first, "api/link-pages/", "{\"chatbot_id\":\"" + BOT + "\",\"page_ids\":[\""
                + page.id() + "\"]}");
        assertEquals(200, pages.statusCode(), pages.body());
    }

    static int replies(List<String> psids) {
        int n = 0;
        for (String psid : psids) {
            n += emulator.conversation(page.id(), psid).replies().size();
        }
        return n;
    }

    static long countEvents() throws SQLException {
        return scalar("SELECT COUNT(*) FROM messenger_event");
    }

    static long unfinishedEvents() throws SQLException {
        return scalar("SELECT COUNT(*) FROM messenger_event WHERE status IN ('PENDING', 'IN_PROGRESS')");
    }

    static List<long[]> unknownOutcomes() throws SQLException {
        List<long[]> ids = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM messenger_event WHERE status = 'SET_ASIDE'"
                        + " AND reason <> 'RECIPIENT_UNAVAILABLE'")) {
            while (rs.next()) {
                ids.add(new long[] {rs.getLong(1)});
            }
        }
        return ids;
    }

    static String personOf(long id) throws SQLException {
        return string("SELECT person_id FROM messenger_event WHERE id = " + id);
    }

    static String midOf(long id) throws SQLException {
        return string("SELECT event_key FROM messenger_event WHERE id = " + id);
    }

    static String replyTextOf(long id) throws SQLException {
        String body = new String(bytes("SELECT body FROM messenger_event WHERE id = " + id),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"text\":\"(c\\d+-m\\d+)\"").matcher(body);
        return m.find() ? "You said: " + m.group(1) : "?";
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=" + schema, pgUser,
                System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", ""));
    }

    static long scalar(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String string(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static byte[] bytes(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgBase, pgUser,
                System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", "")); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static HttpResponse<String> post(URI base, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void await(String what, Duration timeout, CheckedCondition condition) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    interface CheckedCondition {
        boolean holds() throws Exception;
    }

    static <T> List<List<T>> partition(List<T> all, int parts) {
        List<List<T>> out = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            out.get(i % parts).add(all.get(i));
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** One JVM of the standalone sample in live mode. */
    static final class Instance {
        final int index;
        Process process;
        URI base;

        Instance(int index) {
            this.index = index;
        }

        void start() throws Exception {
            int port = freePort();
            Map<String, String> env = new HashMap<>();
            env.put("MESSENGERKIT_MODE", "live");
            env.put("MESSENGER_APP_ID", emulator.appId());
            env.put("MESSENGER_APP_SECRET", emulator.appSecret().reveal());
            env.put("MESSENGER_GRAPH_BASE_URL", emulator.baseUrl());
            env.put("MESSENGER_VERIFY_TOKEN", "pipeline-it-verify-token");
            env.put("MESSENGER_API_KEYS", BOT + "=" + KEY);
            env.put("MESSENGER_TOKEN_KEYSET_FILE", keysetFile.toString());
            env.put("PUBLIC_URL", "https://bot.example.test/");
            env.put("PORT", Integer.toString(port));
            env.put("DATA_DIR", work.resolve("instance-" + index).toString());
            env.put("DB_URL", pgBase + (pgBase.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            env.put("DB_USER", pgUser);
            env.put("DB_PASSWORD", System.getenv().getOrDefault("MESSENGERKIT_TEST_POSTGRES_PASSWORD", ""));
            env.put("SAMPLE_BOT", "echo");
            env.put("SAMPLE_WEBHOOK_WORKERS", "8");
            env.put("MESSENGER_HEALTH_CHECK_INTERVAL", "0");
            env.put("MESSENGER_INBOX_POLL_INTERVAL", "PT0.25S");
            env.put("MESSENGER_INBOX_LEASE", "PT3S");
            env.put("MESSENGER_INBOX_RETRY_BACKOFF", "PT0.2S");
            env.put("MESSENGER_INBOX_MAX_ATTEMPTS", "10");
            env.put("MESSENGER_EVENT_DEADLINE", "PT30S");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), StandaloneMain.class.getName());
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("instance-" + index + ".log").toFile()));
            process = pb.start();
            base = URI.create("http://127.0.0.1:" + port + "/");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("instance " + index + " exited with " + process.exitValue() + "; see "
                            + work.resolve("instance-" + index + ".log"));
                }
                try {
                    HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(base.resolve("health/ready"))
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("instance " + index + " not ready in 90 s");
                }
                Thread.sleep(200);
            }
        }

        /** {@code kill -9}: no shutdown hook, no clean close. */
        void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A round-robin in front of the instances: each POST to the next one up; one that is down is skipped. */
    static final class RoundRobin implements AutoCloseable {
        private final HttpServer server;
        private final AtomicReferenceArray<URI> backends;
        private final AtomicInteger next = new AtomicInteger();
        private final ExecutorService threads = Executors.newFixedThreadPool(32);

        RoundRobin(int size) throws IOException {
            backends = new AtomicReferenceArray<>(size);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.setExecutor(threads);
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body;
                    try (InputStream in = exchange.getRequestBody()) {
                        body = in.readAllBytes();
                    }
                    String path = exchange.getRequestURI().toString();
                    for (int tries = 0; tries < 2 * backends.length(); tries++) {
                        URI backend = backends.get(Math.floorMod(next.getAndIncrement(), backends.length()));
                        if (backend == null) {
                            continue;
                        }
                        HttpRequest.Builder request = HttpRequest.newBuilder(backend.resolve(path))
                                .timeout(Duration.ofSeconds(30))
                                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                        for (String header : List.of("Content-Type", "X-Hub-Signature-256", "X-Hub-Signature")) {
                            String value = exchange.getRequestHeaders().getFirst(header);
                            if (value != null) {
                                request.header(header, value);
                            }
                        }
                        HttpResponse<byte[]> answer;
                        try {
                            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                        } catch (IOException down) {
                            continue;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                        if (answer.body().length > 0) {
                            try (OutputStream out = exchange.getResponseBody()) {
                                out.write(answer.body());
                            }
                        }
                        return;
                    }
                    exchange.sendResponseHeaders(502, -1);
                }
            });
            server.start();
        }

        URI base() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        }

        void set(int index, URI backend) {
            backends.set(index, backend);
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
