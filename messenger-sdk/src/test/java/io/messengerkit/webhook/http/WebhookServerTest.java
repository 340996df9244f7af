package io.messengerkit.webhook.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint on the JDK's HTTP server, driven over loopback by the JDK's HTTP client. */
class WebhookServerTest {
    // Not one of TestSecrets: the handshake puts the token in the URL, which the client's wire trace prints.
    private static final String VERIFY_TOKEN = "made-up-token-sent-in-the-url";
    private static final WebhookSignature SIGNATURE =
            WebhookSignature.builder(TestSecrets.APP_SECRET).verifyToken(VERIFY_TOKEN).build();

    // The client's default version is HTTP/2: POSTs carry "Upgrade: h2c", which the server must not choke on.
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private WebhookServer server;

    @BeforeEach
    void start() throws IOException {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(handlers)
                .onMessage((message, ctx) -> texts.add(message.text()))
                .build();
        server = WebhookServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "/webhook",
                WebhookEndpoint.builder(SIGNATURE).dispatcher(dispatcher).maxBodyBytes(4096).build());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        handlers.shutdown();
        assertTrue(handlers.awaitTermination(5, TimeUnit.SECONDS));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return signature == null ? request : request.header(WebhookSignature.SIGNATURE_256_HEADER, signature);
    }

    @Test
    void answersTheHandshake() throws Exception {
        URI handshake = URI.create(server.url() + "?hub.mode=subscribe&hub.verify_token="
                + VERIFY_TOKEN + "&hub.challenge=1158201444");
        URI wrongToken = URI.create(server.url() + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1");

        HttpResponse<String> ok = send(HttpRequest.newBuilder(handshake));
        assertEquals(200, ok.statusCode());
        assertEquals("1158201444", ok.body());
        assertEquals(WebhookResponse.CONTENT_TYPE, ok.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(403, send(HttpRequest.newBuilder(wrongToken)).statusCode());
    }

    @Test
    void dispatchesASignedDeliveryPostedWithTheClientsDefaultHttp2Upgrade() throws Exception {
        byte[] body = WebhookEndpointTest.textMessage("hello");

        HttpResponse<String> response = send(post(body, SIGNATURE.sign(body)));

        assertEquals(200, response.statusCode());
        assertEquals("EVENT_RECEIVED", response.body());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (texts.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("hello"), texts);
    }

    @Test
    void rejectsForgedAndUnsignedDeliveries() throws Exception {
        byte[] body = WebhookEndpointTest.textMessage("forged");

        assertEquals(403, send(post(body, WebhookSignature.of(AppSecret.of("not-the-secret")).sign(body))).statusCode());
        assertEquals(403, send(post(body, null)).statusCode());
        Thread.sleep(50);
        assertEquals(List.of(), texts);
    }

    @Test
    void refusesOversizedBodiesWithOrWithoutADeclaredLength() throws Exception {
        byte[] body = WebhookEndpointTest.textMessage("x".repeat(5000));

        assertEquals(413, send(post(body, SIGNATURE.sign(body))).statusCode());
        // Chunked: no Content-Length, so the endpoint finds out while reading.
        HttpRequest.Builder chunked = HttpRequest.newBuilder(server.url())
                .version(HttpClient.Version.HTTP_1_1)
                .header(WebhookSignature.SIGNATURE_256_HEADER, SIGNATURE.sign(body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertEquals(413, send(chunked).statusCode());
        assertEquals(List.of(), texts);
    }

    @Test
    void answers405ToOtherMethods() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.url())
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void reportsItsUrlWithTheActualPort() {
        URI url = server.url();

        assertEquals("http", url.getScheme());
        assertEquals(server.address().getPort(), url.getPort());
        assertTrue(url.getPort() > 0);
        assertEquals("/webhook", url.getPath());
    }

    @Test
    void stopsListeningWhenClosed() throws Exception {
        URI url = server.url();
        server.close();

        assertThrows(IOException.class, () -> client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void needsAPathThatStartsWithASlash() {
        WebhookEndpoint endpoint = WebhookEndpoint.builder(SIGNATURE).receiver(b -> null).build();

        assertThrows(IllegalArgumentException.class, () -> WebhookServer.start(new InetSocketAddress(0), "webhook", endpoint));
    }
}
