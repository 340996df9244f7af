package io.messengerkit.jakarta.testing;

import io.messengerkit.AppSecret;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import jakarta.persistence.EntityManagerFactory;
import io.messengerkit.jakarta.standalone.MessengerJersey;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;

/**
 * The backend as a host application runs it standalone: Jersey on Grizzly on a free loopback
 * port, over a {@link TestDatabase}, with made-up credentials. Requests go over real HTTP.
 */
public final class TestServer implements AutoCloseable {
    public static final String APP_ID = "1234567890";
    public static final AppSecret APP_SECRET = AppSecret.of("made-up-app-secret-for-tests");
    public static final String VERIFY_TOKEN = "made-up-verify-token";
    public static final String KEY_A = "key-for-chatbot-a-0123456789";
    public static final String KEY_B = "key-for-chatbot-b-0123456789";
    public static final String OPERATOR_KEY = "operator-key-0123456789abcdef";
    public static final String API_KEYS = "bot-a=" + KEY_A + ", bot-b=" + KEY_B + ", *=" + OPERATOR_KEY;

    private final MessengerBackend backend;
    private final HttpServer http;
    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final EntityManagerFactory ownFactory;
    private volatile boolean closed;

    private TestServer(MessengerBackend backend, HttpServer http, URI base, EntityManagerFactory ownFactory) {
        this.ownFactory = ownFactory;
        this.backend = backend;
        this.http = http;
        this.base = base;
    }

    /** Default configuration; {@code graphBaseUrl} may be null when no Graph calls are made. */
    public static MessengerConfig config(String graphBaseUrl) {
        MessengerConfig.Builder b = MessengerConfig.builder().appId(APP_ID).appSecret(APP_SECRET).verifyToken(VERIFY_TOKEN);
        if (graphBaseUrl != null) {
            b.baseUrl(graphBaseUrl);
        }
        return b.build();
    }

    /** The public address the test server pretends to have (the data-deletion status link uses it). */
    public static final URI PUBLIC_URL = URI.create("https://bot.example.test");

    public static IntegrationSettings settings() {
        return IntegrationSettings.defaults().withApiKeys(API_KEYS).withWebhookMaxBytes(64 * 1024).withPublicUrl(PUBLIC_URL)
                .withInbox(Duration.ofMillis(200), 3, Duration.ofMinutes(2), Duration.ofSeconds(30));
    }

    /** Starts a server; {@code customize} completes the backend's builder. */
    public static TestServer start(TestDatabase db, MessengerConfig config, Consumer<MessengerBackend.Builder> customize) {
        return start(db.transactions(), null, config, customize, TokenVault.of(TokenKeyset.generate()));
    }

    /**
     * Starts a server with its own database connections (as a separate instance would have) and
     * the given vault (instances of one deployment share the keyset).
     */
    public static TestServer start(TestDatabase db, MessengerConfig config, Consumer<MessengerBackend.Builder> customize,
            TokenVault vault) {
        EntityManagerFactory own = db.openAnotherFactory();
        return start(new ResourceLocalTransactions(own), own, config, customize, vault);
    }

    private static TestServer start(JpaTransactions transactions, EntityManagerFactory own, MessengerConfig config,
            Consumer<MessengerBackend.Builder> customize, TokenVault vault) {
        MessengerBackend.Builder builder = MessengerBackend.builder(config, transactions, vault)
                .settings(settings());
        customize.accept(builder);
        MessengerBackend backend = builder.build();
        backend.start();
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"),
                MessengerJersey.application(backend), false);
        // The seed's clients send DELETE requests with a JSON body; Grizzly drops such bodies unless told not to.
        http.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
        // After refusing a body, close the connection rather than read and discard the rest (Grizzly's default).
        http.getServerConfiguration().setMaxPayloadRemainderToSkip(1024 * 1024);
        try {
            http.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test server", e);
        }
        int port = http.getListener("grizzly").getPort();
        return new TestServer(backend, http, URI.create("http://127.0.0.1:" + port + "/"), own);
    }

    public MessengerBackend backend() {
        return backend;
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path, String apiKey) {
        return send(request(path, apiKey).GET().build());
    }

    public HttpResponse<String> postJson(String path, String apiKey, String json) {
        return send(request(path, apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> deleteJson(String path, String apiKey, String json) {
        HttpRequest.Builder b = request(path, apiKey);
        if (json == null) {
            return send(b.DELETE().build());
        }
        return send(b.header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A webhook POST of exactly these bytes with this signature header (null: none). */
    public HttpResponse<String> postWebhook(String path, byte[] body, String signature) {
        HttpRequest.Builder b = request(path, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return send(b.build());
    }

    /** Signs a body as Meta does. */
    public static String sign(byte[] body) {
        return "sha256=" + APP_SECRET.hmacSha256Hex(body);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(20));
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.shutdownNow();
        backend.close();
        if (ownFactory != null) {
            ownFactory.close();
        }
    }
}
