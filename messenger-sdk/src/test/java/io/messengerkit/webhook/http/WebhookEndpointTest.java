package io.messengerkit.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.config.ConfigurationException;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {
    private static final String VERIFY_TOKEN = TestSecrets.VERIFY_TOKEN_VALUE;
    private static final WebhookSignature SIGNATURE =
            WebhookSignature.builder(TestSecrets.APP_SECRET).verifyToken(VERIFY_TOKEN).build();

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private final WebhookDispatcher dispatcher = WebhookDispatcher.builder()
            .executor(executor)
            .onMessage((message, ctx) -> texts.add(message.text()))
            .onError((event, error) -> errors.add(error))
            .build();
    private final WebhookEndpoint endpoint = WebhookEndpoint.builder(SIGNATURE).dispatcher(dispatcher).build();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdown();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    static byte[] textMessage(String text) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":1764057600000,\"message\":{\"mid\":\"m_" + text.hashCode()
                + "\",\"text\":\"" + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static WebhookRequest get(String rawQuery) {
        return new WebhookRequest("GET", WebhookRequest.parseQuery(rawQuery), Map.of(), InputStream.nullInputStream());
    }

    private static WebhookRequest post(byte[] body, String signatureHeader) {
        Map<String, List<String>> headers = signatureHeader == null ? Map.of()
                : Map.of("x-hub-signature-256", List.of(signatureHeader));
        return new WebhookRequest("POST", Map.of(), headers, new ByteArrayInputStream(body));
    }

    private void awaitTexts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (texts.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, texts.size(), "handled texts: " + texts);
    }

    @Test
    void answersTheHandshakeWithTheChallengeWhenTheVerifyTokenMatches() {
        WebhookResponse response = endpoint.handle(
                get("hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444"));

        assertEquals(200, response.status());
        assertEquals("1158201444", response.body());
        assertEquals(WebhookResponse.CONTENT_TYPE, response.headers().get("Content-Type"));
    }

    @Test
    void refusesTheHandshakeWithAWrongTokenAWrongModeOrNoChallenge() {
        for (String query : List.of("hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
                "hub.mode=unsubscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1",
                "hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN,
                "", "hub.mode=subscribe&hub.verify_token=%zz&hub.challenge=1")) {
            WebhookResponse response = endpoint.handle(get(query));
            assertEquals(403, response.status(), query);
            assertFalse(response.body().contains(VERIFY_TOKEN));
        }
    }

    @Test
    void dispatchesASignedDeliveryAndAnswersAtOnce() throws Exception {
        byte[] body = textMessage("hi");

        WebhookResponse response = endpoint.handle(post(body, SIGNATURE.sign(body)));

        assertEquals(200, response.status());
        assertEquals("EVENT_RECEIVED", response.body());
        awaitTexts(1);
        assertEquals(List.of("hi"), texts);
    }

    @Test
    void rejectsBodyWithForgedSignatureAndDispatchesNothing() throws Exception {
        byte[] body = textMessage("forged");
        String forged = WebhookSignature.of(io.messengerkit.AppSecret.of("someone-elses-secret")).sign(body);

        assertEquals(403, endpoint.handle(post(body, forged)).status());
        assertEquals(403, endpoint.handle(post(body, null)).status());
        assertEquals(403, endpoint.handle(post(body, "sha256=not-hex")).status());

        Thread.sleep(50);
        assertEquals(List.of(), texts);
    }

    @Test
    void checksTheSignatureOverTheRawBytesNotAReserialisation() throws Exception {
        // Meta writes non-ASCII text as \\u escapes and signs exactly those bytes.
        byte[] body = textMessage("Gr\\u00fc\\u00dfe");

        assertEquals(200, endpoint.handle(post(body, SIGNATURE.sign(body))).status());

        awaitTexts(1);
        assertEquals("Grüße", texts.get(0));
    }

    @Test
    void refusesABodyOverTheLimitWithoutReadingItAll() {
        WebhookEndpoint small = WebhookEndpoint.builder(SIGNATURE).dispatcher(dispatcher).maxBodyBytes(64).build();
        byte[] body = textMessage("x".repeat(100));
        CountingStream stream = new CountingStream(body);

        WebhookResponse response = small.handle(new WebhookRequest("POST", Map.of(),
                Map.of("X-Hub-Signature-256", List.of(SIGNATURE.sign(body))), stream));

        assertEquals(413, response.status());
        assertEquals(65, stream.read, "reads one byte past the limit, no more");
        assertEquals(List.of(), texts);
    }

    @Test
    void refusesABodyWhoseDeclaredLengthIsOverTheLimitBeforeReadingAnything() {
        WebhookEndpoint small = WebhookEndpoint.builder(SIGNATURE).dispatcher(dispatcher).maxBodyBytes(64).build();
        CountingStream stream = new CountingStream(new byte[1000]);

        WebhookResponse response = small.handle(new WebhookRequest("POST", Map.of(),
                Map.of("content-length", List.of("1000")), stream));

        assertEquals(413, response.status());
        assertEquals(0, stream.read);
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() throws Exception {
        byte[] body = textMessage("edge");
        WebhookEndpoint exact = WebhookEndpoint.builder(SIGNATURE).dispatcher(dispatcher).maxBodyBytes(body.length).build();

        assertEquals(200, exact.handle(post(body, SIGNATURE.sign(body))).status());
        awaitTexts(1);
    }

    @Test
    void answers200ToASignedBodyThatIsNotJsonSoMetaDoesNotRedeliverItForever() throws Exception {
        byte[] body = "not json".getBytes(StandardCharsets.UTF_8);

        assertEquals(200, endpoint.handle(post(body, SIGNATURE.sign(body))).status());

        assertEquals(1, errors.size(), "the error hook hears of it");
    }

    @Test
    void answers503WhenTheDispatcherIsFullSoMetaRetries() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        WebhookDispatcher busy = WebhookDispatcher.builder()
                .executor(executor)
                .maxPendingEvents(1)
                .admissionTimeout(Duration.ZERO)
                .onMessage((message, ctx) -> release.await())
                .build();
        WebhookEndpoint full = WebhookEndpoint.builder(SIGNATURE).dispatcher(busy).build();
        byte[] first = textMessage("first");
        byte[] second = textMessage("second");
        try {
            assertEquals(200, full.handle(post(first, SIGNATURE.sign(first))).status());
            assertEquals(503, full.handle(post(second, SIGNATURE.sign(second))).status());
        } finally {
            release.countDown();
        }
    }

    @Test
    void answers503WhenTheReceiverRefusesAnd500WhenItFails() {
        byte[] body = textMessage("hi");
        WebhookEndpoint shutDown = WebhookEndpoint.builder(SIGNATURE)
                .receiver(bytes -> {
                    throw new RejectedExecutionException("executor shut down");
                })
                .build();
        WebhookEndpoint broken = WebhookEndpoint.builder(SIGNATURE)
                .receiver(bytes -> CompletableFuture.failedFuture(new IllegalStateException("inbox unavailable")))
                .build();

        assertEquals(503, shutDown.handle(post(body, SIGNATURE.sign(body))).status());
        assertEquals(500, broken.handle(post(body, SIGNATURE.sign(body))).status());
    }

    @Test
    void doesNotWaitForTheHandlers() throws Exception {
        CompletableFuture<DispatchReport> never = new CompletableFuture<>();
        AtomicInteger received = new AtomicInteger();
        WebhookEndpoint queueing = WebhookEndpoint.builder(SIGNATURE)
                .receiver(bytes -> {
                    received.incrementAndGet();
                    return never;
                })
                .build();
        byte[] body = textMessage("later");

        assertEquals(200, queueing.handle(post(body, SIGNATURE.sign(body))).status());
        assertEquals(1, received.get());
    }

    @Test
    void answersBadRequestWhenTheBodyCannotBeRead() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };

        assertEquals(400, endpoint.handle(new WebhookRequest("POST", Map.of(), Map.of(), broken)).status());
    }

    @Test
    void answers405WithTheAllowedMethodsToAnythingElse() {
        for (String method : List.of("PUT", "DELETE", "HEAD", "PATCH", "get")) {
            WebhookResponse response = endpoint.handle(
                    new WebhookRequest(method, Map.of(), Map.of(), InputStream.nullInputStream()));
            assertEquals(405, response.status(), method);
            assertEquals("GET, POST", response.headers().get("Allow"));
        }
    }

    @Test
    void createNamesTheMissingVerifyTokenVariable() {
        MessengerConfig withoutToken = MessengerConfig.builder().appId(TestSecrets.APP_ID)
                .appSecret(TestSecrets.APP_SECRET).build();

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> WebhookEndpoint.create(withoutToken, dispatcher));

        assertTrue(e.getMessage().startsWith("MESSENGER_VERIFY_TOKEN is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("App Dashboard"), e.getMessage());
    }

    @Test
    void createUsesTheConfiguredSecretAndVerifyToken() {
        MessengerConfig config = MessengerConfig.builder().appId(TestSecrets.APP_ID)
                .appSecret(TestSecrets.APP_SECRET).verifyToken(VERIFY_TOKEN).build();
        WebhookEndpoint fromConfig = WebhookEndpoint.create(config, dispatcher);
        byte[] body = textMessage("hi");

        assertEquals(200, fromConfig.handle(get("hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN
                + "&hub.challenge=42")).status());
        assertEquals(200, fromConfig.handle(post(body, SIGNATURE.sign(body))).status());
    }

    @Test
    void needsSomewhereToHandVerifiedBodies() {
        assertThrows(IllegalStateException.class, () -> WebhookEndpoint.builder(SIGNATURE).build());
        assertThrows(IllegalArgumentException.class, () -> WebhookEndpoint.builder(SIGNATURE).maxBodyBytes(0));
    }

    @Test
    void requestsPrintNoParameterOrHeaderValues() {
        WebhookRequest request = get("hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1");

        assertFalse(request.toString().contains(VERIFY_TOKEN), request.toString());
        assertTrue(request.toString().contains("hub.verify_token"));
    }

    @Test
    void parsesQueriesAsFormsAreEncoded() {
        Map<String, List<String>> query = WebhookRequest.parseQuery("a=1&b=x+y%21&a=2&flag&&c=%E2%82%AC&bad=%zz");

        assertEquals(List.of("1", "2"), query.get("a"));
        assertEquals(List.of("x y!"), query.get("b"));
        assertEquals(List.of(""), query.get("flag"));
        assertEquals(List.of("€"), query.get("c"));
        assertFalse(query.containsKey("bad"));
        assertEquals(Map.of(), WebhookRequest.parseQuery(null));
    }

    @Test
    void looksHeadersUpIgnoringCase() {
        WebhookRequest request = new WebhookRequest("POST", null,
                Map.of("X-HUB-SIGNATURE-256", List.of("sha256=abc")), InputStream.nullInputStream());

        assertEquals("sha256=abc", request.header("x-hub-signature-256"));
        assertEquals(null, request.header("Content-Length"));
    }

    /** Counts the bytes the endpoint takes from the body. */
    private static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
