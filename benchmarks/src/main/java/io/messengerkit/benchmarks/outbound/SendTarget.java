package io.messengerkit.benchmarks.outbound;

import com.sun.net.httpserver.HttpServer;
import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TestUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the outbound benchmarks send to: a {@link PlatformEmulator} on loopback with one page whose
 * customer has messaged it (so the 24-hour window is open), an SDK {@link GraphClient} pointed at it,
 * and two baselines on the same machine: the same Send API call made with a bare JDK
 * {@link HttpClient} (the emulator's raw endpoint, no SDK), and a no-op JDK HTTP server built like
 * the emulator's (same server class, thread pool and TCP_NODELAY) that answers {@code {}} at once.
 */
final class SendTarget implements AutoCloseable {
    static final String TEXT = "Your table for two is booked for 19:30. See you tonight!";

    final PlatformEmulator emulator;
    final GraphClient graph;
    final TestPage page;
    final TestCustomer customer;
    final PageMessenger messenger;
    final HttpClient raw;
    final HttpRequest rawSend;
    final HttpRequest noopCall;
    private final HttpServer noop;
    private final ExecutorService noopThreads;

    /**
     * @param emulatorSendsPerSecond the emulator's per-page send limit (Meta's is 300)
     * @param sdkSendsPerSecond the SDK's per-page send limiter (its default is 300)
     */
    SendTarget(int emulatorSendsPerSecond, int sdkSendsPerSecond) {
        emulator = PlatformEmulator.builder().sendRateLimitPerSecond(emulatorSendsPerSecond).start();
        TestUser admin = emulator.createUser("Bench Admin");
        page = emulator.createPage(admin, "Bench Bistro");
        customer = page.createCustomer("Grace", "Hopper");
        customer.sends("Is there a table for two tonight?");
        graph = GraphClient.builder(MessengerConfig.builder()
                        .appId(emulator.appId())
                        .appSecret(emulator.appSecret())
                        .baseUrl(emulator.baseUrl())
                        .retryPolicy(RetryPolicy.none())
                        .sendRateLimits(sdkSendsPerSecond, 10)
                        .build())
                .build();
        messenger = graph.messenger(page.token());

        raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AccessToken token = page.token();
        String json = "{\"recipient\":{\"id\":\"" + customer.psid() + "\"},\"messaging_type\":\"RESPONSE\","
                + "\"message\":{\"text\":\"" + TEXT + "\"}}";
        rawSend = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v26.0/me/messages?appsecret_proof="
                        + emulator.appSecret().appSecretProof(token)))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8)))
                .build();

        try {
            noop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            emulator.close();
            throw new UncheckedIOException(e);
        }
        noopThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "noop-server");
            t.setDaemon(true);
            return t;
        });
        noop.setExecutor(noopThreads);
        byte[] answer = "{}".getBytes(StandardCharsets.US_ASCII);
        noop.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        noop.start();
        noopCall = HttpRequest.newBuilder(URI.create("http://" + noop.getAddress().getAddress().getHostAddress()
                        + ":" + noop.getAddress().getPort() + "/v26.0/me/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /** Baseline calls retried because the JDK client found its pooled connection closed (counted, not hidden). */
    final java.util.concurrent.atomic.AtomicLong baselineRetries = new java.util.concurrent.atomic.AtomicLong();

    /** One raw Send API call; returns the HTTP status. */
    int rawSend() throws IOException, InterruptedException {
        return baseline(rawSend);
    }

    private int baseline(HttpRequest request) throws IOException, InterruptedException {
        try {
            return raw.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        } catch (IOException e) {
            // The JDK client occasionally hands out a pooled connection it is closing ("header parser
            // received no bytes"); a baseline call is retried once rather than failing the run.
            baselineRetries.incrementAndGet();
            return raw.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
        }
    }

    /** One raw Send API call; returns the response body. */
    String rawSendBody() throws IOException, InterruptedException {
        return raw.send(rawSend, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One no-op round trip; returns the HTTP status. */
    int noop() throws IOException, InterruptedException {
        return baseline(noopCall);
    }

    @Override
    public void close() {
        noop.stop(0);
        noopThreads.shutdownNow();
        emulator.close();
    }
}
