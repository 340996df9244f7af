package io.messengerkit.sample;

import io.messengerkit.sample.standalone.SampleServer;
import io.messengerkit.sample.standalone.StandaloneSettings;
import io.messengerkit.token.TokenKeyset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The standalone sample on PostgreSQL, reached through a loopback TCP proxy the test can cut: {@code /health}
 * answers 503 while the database is really gone (connections reset, new ones refused) and 200 again once it is
 * back, without a restart; liveness stays 200 throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageHealthIT {

    private static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(45);

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PostgresSchema schema;
    private LoopbackProxy proxy;
    private SampleServer server;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(PostgresSchema.configured(), PostgresSchema.URL_VARIABLE + " names no PostgreSQL server");
        schema = PostgresSchema.create("it_outage");
        proxy = LoopbackProxy.start(schema.host(), schema.port());
        Map<String, String> env = new HashMap<>();
        env.put("MESSENGER_APP_ID", "100000000000999");
        env.put("MESSENGER_APP_SECRET", "made-up-app-secret-for-the-outage-test");
        env.put("MESSENGER_VERIFY_TOKEN", "made-up-verify-token");
        env.put("MESSENGER_API_KEYS", "outage-bot=made-up-key-for-the-outage-test");
        env.put("MESSENGER_TOKEN_KEYSET", TokenKeyset.generate().toJson());
        env.put("MESSENGER_GRAPH_BASE_URL", "http://127.0.0.1:9/");
        env.put("DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + schema.database()
                + "?currentSchema=" + schema.name() + "&connectTimeout=3&socketTimeout=10");
        env.put("DB_USER", schema.user());
        env.put("DB_PASSWORD", schema.password());
        env.put("PORT", "0");
        env.put("DATA_DIR", data.toString());
        server = SampleServer.start(StandaloneSettings.fromEnvironment(env), env);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void goesNotReadyWhileTheDatabaseIsGoneAndReadyAgainWhenItReturns() throws Exception {
        HttpResponse<String> before = get("health");
        assertEquals(200, before.statusCode(), before.body());
        assertTrue(before.body().contains("{\"name\":\"database\",\"status\":\"UP\""), before.body());
        assertEquals(200, get("health/ready").statusCode());

        proxy.cut();
        HttpResponse<String> during = get("health");
        assertEquals(503, during.statusCode(), during.body());
        assertTrue(during.body().startsWith("{\"status\":\"DOWN\""), during.body());
        // Refused at once, or still being retried by EclipseLink when the probe's 3 s are up: either way, DOWN.
        assertTrue(Pattern.compile("\\{\"name\":\"database\",\"status\":\"DOWN\",\"data\":\\{[^}]*\"reason\":\"(unreachable|timeout)\"")
                .matcher(during.body()).find(), during.body());
        assertEquals(503, get("health/ready").statusCode());
        HttpResponse<String> alive = get("health/live");
        assertEquals(200, alive.statusCode(), "a database outage is no reason to restart: " + alive.body());

        proxy.restore();
        long deadline = System.nanoTime() + RECOVERY_DEADLINE.toNanos();
        HttpResponse<String> after = get("health");
        while (after.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            after = get("health");
        }
        assertEquals(200, after.statusCode(), "still not ready " + RECOVERY_DEADLINE + " after the database returned: "
                + after.body());
        assertTrue(after.body().contains("{\"name\":\"database\",\"status\":\"UP\""), after.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
