package io.messengerkit.jakarta.rest;

import static io.messengerkit.jakarta.testing.TestServer.sign;
import static io.messengerkit.jakarta.testing.TestServer.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.jakarta.persistence.WebhookInbox.State;
import io.messengerkit.jakarta.testing.Eventually;
import io.messengerkit.jakarta.testing.TestDatabase;
import io.messengerkit.jakarta.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookResourceTest {
    static final String DELIVERY = "{\"object\":\"page\",\"entry\":[{\"id\":\"111\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"9001\"},"
            + "\"recipient\":{\"id\":\"111\"},\"timestamp\":1,\"message\":{\"mid\":\"m.1\",\"text\":\"caf\\u00e9\"}}]}]}";

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        TestDatabase db;
        TestServer server;
        final List<byte[]> processed = new CopyOnWriteArrayList<>();

        abstract TestDatabase open();

        @BeforeAll
        void start() {
            db = open();
            server = TestServer.start(db, TestServer.config(null), b -> b.deliveryProcessor(body -> {
                processed.add(body);
                return CompletableFuture.completedFuture(null);
            }));
        }

        @AfterAll
        void stop() {
            server.close();
            db.close();
        }

        @BeforeEach
        void clear() {
            db.transactions().run(em -> em.createQuery("delete from InboxEntity r").executeUpdate());
            processed.clear();
        }

        long rows() {
            return server.backend().inbox().counts().values().stream().mapToLong(Long::longValue).sum();
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/webhook/", "/api/webhook"})
        void answersTheSubscriptionChallengeWithTheRightVerifyToken(String path) {
            HttpResponse<String> r = server.get(path + "?hub.mode=subscribe&hub.verify_token=" + TestServer.VERIFY_TOKEN
                    + "&hub.challenge=1158201444", null);
            assertEquals(200, r.statusCode());
            assertEquals("1158201444", r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        }

        @Test
        void refusesTheChallengeWithAWrongVerifyToken() {
            HttpResponse<String> r = server.get("/api/webhook/?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=42", null);
            assertEquals(403, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(!r.body().contains("42"), "challenge not echoed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/api/webhook/", "/api/webhook"})
        void storesASignedDeliveryAnswers200AndProcessesTheExactBytes(String path) {
            byte[] body = utf8(DELIVERY);
            HttpResponse<String> r = server.postWebhook(path, body, sign(body));
            assertEquals(200, r.statusCode());
            Eventually.await("processed", () -> server.backend().inbox().counts().get(State.DONE) == 1);
            assertEquals(1, processed.size());
            assertArrayEquals(body, processed.get(0), "the processor sees the signed bytes unchanged");
        }

        @Test
        void rejectsBodyWithForgedSignatureAndStoresNothing() {
            byte[] body = utf8(DELIVERY);
            String forged = "sha256=" + "0".repeat(64);
            assertEquals(403, server.postWebhook("/api/webhook/", body, forged).statusCode());
            assertEquals(403, server.postWebhook("/api/webhook/", body, null).statusCode());
            assertEquals(403, server.postWebhook("/api/webhook/", body, "sha1=abc").statusCode());
            byte[] tampered = utf8(DELIVERY.replace("caf", "cof"));
            assertEquals(403, server.postWebhook("/api/webhook/", tampered, sign(body)).statusCode());
            assertEquals(0, rows());
            assertTrue(processed.isEmpty());
        }

        @Test
        void rejectsAnOversizeBodyWith413AndStoresNothing() {
            byte[] big = new byte[64 * 1024 + 1];
            Arrays.fill(big, (byte) ' ');
            big[0] = '{';
            big[big.length - 1] = '}';
            HttpResponse<String> r = server.postWebhook("/api/webhook/", big, sign(big));
            assertEquals(413, r.statusCode());
            assertTrue(r.body().contains("\"status\":413"), r.body());
            assertEquals(0, rows());
        }

        @Test
        void keepsSignedBrokenJsonAsFailedAndStillAnswers200() {
            byte[] broken = utf8("{\"object\":\"page\",\"entry\":[{");
            HttpResponse<String> r = server.postWebhook("/api/webhook/", broken, sign(broken));
            assertEquals(200, r.statusCode());
            Map<State, Long> counts = server.backend().inbox().counts();
            assertEquals(1L, counts.get(State.FAILED));
            assertEquals(0L, counts.get(State.PENDING) + counts.get(State.PROCESSING) + counts.get(State.DONE));
            assertTrue(server.backend().inbox().list(State.FAILED, 1).get(0).lastError().contains("not valid JSON"));
            assertTrue(processed.isEmpty());
        }

        @Test
        void answersProblemDetailsWithoutStackTracesForUnknownPaths() {
            HttpResponse<String> r = server.get("/api/no-such-endpoint/", TestServer.KEY_A);
            assertEquals(404, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(!r.body().contains("Exception") && !r.body().contains("at io."), r.body());
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
}
