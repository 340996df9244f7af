package io.messengerkit.testkit.junit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.testkit.emulator.TestCustomer;
import io.messengerkit.testkit.emulator.TestPage;
import io.messengerkit.testkit.emulator.TestUser;
import io.messengerkit.testkit.trigger.WebhookTrigger;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test a fresh {@link PlatformEmulator} and an SDK wired to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * final MessengerEmulatorExtension platform = MessengerEmulatorExtension.create();
 *
 * @Test
 * void repliesToHello() {
 *     platform.handleWebhooks(body -> myBot.dispatch(body).join());
 *     platform.customer().sends("hello");
 *     MessengerAssertions.assertThat(platform.customer()).replied("Hi!");
 * }
 * }</pre>
 *
 * <p>Before each test it starts the emulator and creates a user ("Test Admin"), a page ("Test
 * Page") subscribed to the messaging webhook fields, and a customer ("Test Customer") of that page;
 * it builds a {@link MessengerConfig} and {@link GraphClient} whose base URL is the emulator. After
 * each test it stops everything. Test methods may also declare parameters of these types
 * ({@link PlatformEmulator}, {@link TestUser}, {@link TestPage}, {@link TestCustomer},
 * {@link MessengerConfig}, {@link GraphClient}, {@link PageMessenger}) to have them injected. Stopping
 * is graceful: Graph calls still in flight (a handler on another thread waiting for its answer) finish
 * first, for at most 5 seconds.
 *
 * <p>{@link #handleWebhooks(Consumer)} starts a loopback webhook endpoint that verifies each
 * delivery's signature with the SDK's {@link WebhookSignature} (403 when wrong) and hands the
 * verified raw body to the consumer; the emulator posts there whenever a customer writes.
 */
public final class MessengerEmulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    /** The verify token the extension's webhook endpoint accepts for the {@code hub.challenge} handshake. */
    public static final String VERIFY_TOKEN = "testkit-verify-token";
    private static final List<String> MESSAGING_FIELDS = List.of("messages", "messaging_postbacks",
            "message_deliveries", "message_reads", "message_echoes", "message_reactions", "messaging_referrals",
            "messaging_optins", "messaging_handovers", "standby");

    private Consumer<PlatformEmulator.Builder> emulatorSettings = b -> { };
    private Consumer<MessengerConfig.Builder> configSettings = b -> { };

    private PlatformEmulator emulator;
    private TestUser user;
    private TestPage page;
    private TestCustomer customer;
    private MessengerConfig config;
    private GraphClient graphClient;
    private HttpServer webhookServer;
    private ExecutorService webhookExecutor;
    private volatile Consumer<byte[]> webhookConsumer;

    private MessengerEmulatorExtension() {
    }

    /** An extension with the emulator's defaults. */
    public static MessengerEmulatorExtension create() {
        return new MessengerEmulatorExtension();
    }

    /** Adjusts the emulator before it starts (page size, rate limits, clock, appsecret_proof...). */
    public MessengerEmulatorExtension withEmulator(Consumer<PlatformEmulator.Builder> settings) {
        this.emulatorSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Adjusts the SDK configuration (retry policy, timeouts...); app id, secret and base URL are set already. */
    public MessengerEmulatorExtension withConfig(Consumer<MessengerConfig.Builder> settings) {
        this.configSettings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        PlatformEmulator.Builder builder = PlatformEmulator.builder();
        emulatorSettings.accept(builder);
        emulator = builder.start();
        user = emulator.createUser("Test Admin");
        page = emulator.createPage(user, "Test Page").subscribeApp(MESSAGING_FIELDS.toArray(String[]::new));
        customer = page.createCustomer("Test", "Customer");
        MessengerConfig.Builder configBuilder = MessengerConfig.builder()
                .appId(emulator.appId())
                .appSecret(emulator.appSecret())
                .baseUrl(emulator.baseUrl())
                .verifyToken(VERIFY_TOKEN);
        configSettings.accept(configBuilder);
        config = configBuilder.build();
        graphClient = GraphClient.create(config);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // The emulator first: it lets the Graph calls in flight finish (a handler waiting for its answer gets
        // it), and its echo deliveries still find the webhook endpoint open.
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
        if (webhookServer != null) {
            webhookServer.stop(0);
            webhookExecutor.shutdownNow();
            webhookServer = null;
            webhookConsumer = null;
        }
    }

    /** The running emulator. */
    public PlatformEmulator emulator() {
        return require(emulator);
    }

    /** The user who administers {@link #page()}. */
    public TestUser user() {
        return require(user);
    }

    /** A page subscribed to the messaging webhook fields. */
    public TestPage page() {
        return require(page);
    }

    /** A person who can write to {@link #page()}. */
    public TestCustomer customer() {
        return require(customer);
    }

    /** SDK configuration pointing at the emulator (its app id, secret and base URL). */
    public MessengerConfig config() {
        return require(config);
    }

    /** A Graph client pointing at the emulator. */
    public GraphClient graphClient() {
        return require(graphClient);
    }

    /** A Send API client for {@link #page()} with its page token. */
    public PageMessenger pageMessenger() {
        return graphClient().messenger(page().token());
    }

    /**
     * Receives webhooks: starts a loopback endpoint, makes it the emulator's callback URL, verifies
     * each POST's {@code X-Hub-Signature-256} with the SDK and passes the verified raw body to
     * {@code verifiedBodyConsumer}. The endpoint answers 200 when the consumer returns, 500 when it
     * throws (as an app that failed would), 403 for a bad signature. The GET handshake answers the
     * challenge for {@link #VERIFY_TOKEN}.
     *
     * @return the callback URL
     */
    public URI handleWebhooks(Consumer<byte[]> verifiedBodyConsumer) {
        this.webhookConsumer = Objects.requireNonNull(verifiedBodyConsumer, "verifiedBodyConsumer");
        if (webhookServer == null) {
            try {
                webhookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the test webhook endpoint", e);
            }
            webhookExecutor = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "testkit-webhook");
                thread.setDaemon(true);
                return thread;
            });
            WebhookSignature signature = WebhookSignature.builder(emulator().appSecret()).verifyToken(VERIFY_TOKEN)
                    .build();
            webhookServer.createContext("/webhook", exchange -> receive(exchange, signature));
            webhookServer.setExecutor(webhookExecutor);
            webhookServer.start();
        }
        URI callback = URI.create("http://127.0.0.1:" + webhookServer.getAddress().getPort() + "/webhook");
        emulator().webhookCallback(callback);
        return callback;
    }

    /**
     * A webhook trigger through the emulator, to the callback {@link #handleWebhooks} started (or the one
     * set on the emulator): redeliveries, concurrent copies, reordered deliveries of what a person did,
     * with the 24-hour window opened as a real message opens it. See {@link PlatformEmulator#trigger()}.
     *
     * @throws IllegalStateException when no callback URL is set yet
     */
    public WebhookTrigger trigger() {
        return emulator().trigger();
    }

    private void receive(HttpExchange exchange, WebhookSignature signature) throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                String query = exchange.getRequestURI().getQuery();
                try {
                    String challenge = signature.verifyChallenge(param(query, "hub.mode"),
                            param(query, "hub.verify_token"), param(query, "hub.challenge"));
                    answer(exchange, 200, challenge);
                } catch (WebhookSignatureException e) {
                    answer(exchange, 403, "");
                }
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(8 * 1024 * 1024);
            try {
                signature.verify(body, exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_256_HEADER));
            } catch (WebhookSignatureException e) {
                answer(exchange, 403, "");
                return;
            }
            try {
                webhookConsumer.accept(body);
            } catch (RuntimeException | AssertionError e) {
                answer(exchange, 500, e.getClass().getSimpleName());
                return;
            }
            answer(exchange, 200, "EVENT_RECEIVED");
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static <T> T require(T value) {
        if (value == null) {
            throw new IllegalStateException("the emulator runs only while a test runs (register the extension"
                    + " with @RegisterExtension or @ExtendWith)");
        }
        return value;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == PlatformEmulator.class || type == TestUser.class || type == TestPage.class
                || type == TestCustomer.class || type == MessengerConfig.class || type == GraphClient.class
                || type == PageMessenger.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PlatformEmulator.class) {
            return emulator();
        } else if (type == TestUser.class) {
            return user();
        } else if (type == TestPage.class) {
            return page();
        } else if (type == TestCustomer.class) {
            return customer();
        } else if (type == MessengerConfig.class) {
            return config();
        } else if (type == GraphClient.class) {
            return graphClient();
        }
        return pageMessenger();
    }
}
