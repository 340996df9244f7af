package io.messengerkit.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.AppSecret;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.http.WebhookEndpoint;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet in a real container (Jetty 12, EE 10), driven over loopback by the JDK's HTTP client. */
class WebhookServletTest {
    private static final AppSecret APP_SECRET = AppSecret.of("made-up-app-secret-for-servlet-tests");
    private static final String VERIFY_TOKEN = "made-up-verify-token";
    private static final WebhookSignature META = WebhookSignature.of(APP_SECRET);

    // Default version HTTP/2: every POST asks for "Upgrade: h2c", which a plain HTTP/1.1 connector must ignore.
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);
    private final List<String> texts = Collections.synchronizedList(new ArrayList<>());
    private Server jetty;
    private URI webhook;

    @BeforeEach
    void start() throws Exception {
        MessengerConfig config = MessengerConfig.builder().appId("1234567890").appSecret(APP_SECRET)
                .verifyToken(VERIFY_TOKEN).build();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(handlers)
                .onMessage((message, ctx) -> texts.add(message.text()))
                .build();
        WebhookEndpoint endpoint = WebhookEndpoint.builder(WebhookSignature.builder(config.appSecret())
                        .verifyToken(config.requireVerifyToken()).build())
                .dispatcher(dispatcher)
                .maxBodyBytes(4096)
                .build();

        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new WebhookServlet(endpoint)), "/webhook");
        jetty.setHandler(context);
        jetty.start();
        webhook = URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort() + "/webhook");
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        handlers.shutdown();
        assertTrue(handlers.awaitTermination(5, TimeUnit.SECONDS));
    }

    private static byte[] textMessage(String text) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[{\"sender\":{\"id\":\"u1\"},"
                + "\"recipient\":{\"id\":\"p1\"},\"timestamp\":1764057600000,\"message\":{\"mid\":\"m_" + text.hashCode()
                + "\",\"text\":\"" + text + "\"}}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder post(byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return signature == null ? request : request.header(WebhookSignature.SIGNATURE_256_HEADER, signature);
    }

    private void awaitTexts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (texts.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, texts.size(), "handled: " + texts);
    }

    @Test
    void answersTheHandshakeOnlyForTheRightVerifyToken() throws Exception {
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(webhook
                + "?hub.mode=subscribe&hub.verify_token=" + VERIFY_TOKEN + "&hub.challenge=1158201444")));
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(webhook
                + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")));

        assertEquals(200, ok.statusCode());
        assertEquals("1158201444", ok.body());
        assertTrue(ok.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        assertEquals(403, wrong.statusCode());
    }

    @Test
    void dispatchesASignedDelivery() throws Exception {
        byte[] body = textMessage("hello from a servlet");

        HttpResponse<String> response = send(post(body, META.sign(body)));

        assertEquals(200, response.statusCode());
        assertEquals("EVENT_RECEIVED", response.body());
        awaitTexts(1);
        assertEquals(List.of("hello from a servlet"), texts);
    }

    @Test
    void verifiesAFormEncodedBodyOverItsRawBytesInsteadOfLettingTheContainerParseIt() throws Exception {
        byte[] body = textMessage("form");

        HttpResponse<String> response = send(post(body, META.sign(body))
                .header("Content-Type", "application/x-www-form-urlencoded"));

        assertEquals(200, response.statusCode());
        awaitTexts(1);
    }

    @Test
    void rejectsBodyWithForgedSignatureAndDispatchesNothing() throws Exception {
        byte[] body = textMessage("forged");

        assertEquals(403, send(post(body, WebhookSignature.of(AppSecret.of("not-the-app-secret")).sign(body))).statusCode());
        assertEquals(403, send(post(body, null)).statusCode());
        Thread.sleep(50);
        assertEquals(List.of(), texts);
    }

    @Test
    void refusesOversizedBodiesWithOrWithoutADeclaredLength() throws Exception {
        byte[] body = textMessage("x".repeat(5000));

        assertEquals(413, send(post(body, META.sign(body))).statusCode());
        HttpRequest.Builder chunked = HttpRequest.newBuilder(webhook)
                .version(HttpClient.Version.HTTP_1_1)
                .header(WebhookSignature.SIGNATURE_256_HEADER, META.sign(body))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        assertEquals(413, send(chunked).statusCode());
        assertEquals(List.of(), texts);
    }

    @Test
    void answers405WithTheAllowedMethodsToOtherMethods() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(webhook).PUT(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
    }
}
