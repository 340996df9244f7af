package io.messengerkit.sample.standalone;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.config.ConfigLookup;
import io.messengerkit.jakarta.config.ConversationSettings;
import io.messengerkit.jakarta.config.IntegrationSettings;
import io.messengerkit.jakarta.persistence.HealthQueries;
import io.messengerkit.jakarta.persistence.JpaTokenStore;
import io.messengerkit.jakarta.persistence.MessengerPersistence;
import io.messengerkit.jakarta.persistence.ResourceLocalTransactions;
import io.messengerkit.jakarta.standalone.MessengerJersey;
import io.messengerkit.jakarta.standalone.StandaloneServer;
import io.messengerkit.sample.HealthResource;
import io.messengerkit.sample.SampleChatbot;
import io.messengerkit.sample.WebPageResource;
import io.messengerkit.sample.WebPageSettings;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.token.StoredTokenCheck;
import io.messengerkit.token.TokenKeyset;
import io.messengerkit.token.TokenVault;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.glassfish.jersey.server.ResourceConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The standalone sample: Jersey on Grizzly serving the admin page, the health check and the Jakarta module's
 * API and webhook, over EclipseLink on H2 (or {@code DB_URL}); in demo mode also the platform emulator.
 * Tests start it on a free port; {@link StandaloneMain} starts it for people.
 */
public final class SampleServer implements AutoCloseable {

    // Jersey warns about every resource registered as an instance (eclipse-ee4j/jersey#3700); the resources
    // work, the warning only buries the banner. Held in a field so the level survives garbage collection.
    private static final java.util.logging.Logger JERSEY_PROVIDERS =
            java.util.logging.Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

    static {
        JERSEY_PROVIDERS.setLevel(java.util.logging.Level.SEVERE);
    }

    private final StandaloneSettings settings;
    private final URI baseUri;
    private final DemoPlatform demo;
    private final MessengerBackend backend;
    private final Map<String, String> appEnvironment;
    private final List<AutoCloseable> resources;
    private volatile boolean webhookVerified;
    private volatile Instant readyAt;

    private SampleServer(StandaloneSettings settings, URI baseUri, DemoPlatform demo, MessengerBackend backend,
                         Map<String, String> appEnvironment, List<AutoCloseable> resources) {
        this.settings = settings;
        this.baseUri = baseUri;
        this.demo = demo;
        this.backend = backend;
        this.appEnvironment = appEnvironment;
        this.resources = resources;
    }

    /**
     * Starts the database, the backend, the HTTP server (and in demo mode the emulator) and returns once the
     * health check answers 200.
     */
    public static SampleServer start(StandaloneSettings settings, Map<String, String> env) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(env, "env");
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            // The database is the slowest to open: start it first, on its own thread.
            if (settings.demo() && settings.h2()) {
                deleteDemoDatabase(settings.dataDir());
            }
            CompletableFuture<ResourceLocalTransactions> database = CompletableFuture.supplyAsync(() -> openDatabase(settings),
                    runnable -> daemon("sample-database-open", runnable).start());
            resources.add(() -> database.thenAccept(tx -> tx.factory().close()));

            DemoPlatform demo = settings.demo() ? DemoPlatform.start(env) : null;
            if (demo != null) {
                resources.add(demo);
            }
            Map<String, String> appEnv = new LinkedHashMap<>(demo == null ? env : demo.environment(env));
            if (settings.publicUrl() != null) {
                appEnv.putIfAbsent("MESSENGER_PUBLIC_URL", settings.publicUrl().toString());
            }
            MessengerConfig config = MessengerConfig.fromEnvironment(appEnv);
            IntegrationSettings integration = IntegrationSettings.from(ConfigLookup.of(appEnv));
            // Read (and checked) at start, like the others: a bad MESSENGER_WINDOW_MODE stops the server here.
            ConversationSettings conversations = ConversationSettings.from(ConfigLookup.of(appEnv));
            // Demo tokens are the emulator's and die with it; live mode uses only the keyset it is given (never a new
            // one: that would not open the tokens stored with the old one).
            TokenKeyset keyset = demo != null ? TokenKeyset.generate() : TokenKeyset.fromEnvironment(appEnv);

            DeferredTransactions transactions = new DeferredTransactions(database);
            // Webhook processing gets at most half the cores by default, so a burst of deliveries never starves
            // the webhook endpoint itself, which must answer Meta at once: the durable inbox absorbs the backlog.
            int workerThreads = workerThreads(env);
            PausableExecutor workers = new PausableExecutor(
                    Executors.newFixedThreadPool(workerThreads, runnable -> daemon("sample-webhook-worker", runnable)));
            resources.add(workers::shutdown);
            PrometheusMeterRegistry meters = MetricsResource.registry();
            MessengerMetrics metrics = MetricsResource.listener(meters, env);
            MessengerBackend.Builder builder = SampleChatbot.plugInto(MessengerBackend.builder(config, transactions,
                            TokenVault.of(keyset)), transactions, Clock.systemUTC())
                    .settings(integration)
                    .conversations(conversations)
                    .metrics(metrics)
                    .executor(workers);
            if ("echo".equals(env.get("SAMPLE_BOT"))) {
                // Answers every message with its own text, so a test can tell which reply belongs to which message.
                builder.responder(query -> "You said: " + query.text());
            }
            MessengerBackend backend = builder.build();
            resources.add(backend);

            WebPageSettings page = demo == null
                    ? WebPageSettings.fromEnvironment(appEnv)
                    : new WebPageSettings(true, config.appId(), config.apiVersion().toString(), demo.sdkUrl());
            // Health probes ping the database on threads of their own, so a probe answers within 3 s even while
            // EclipseLink keeps retrying a database that is gone.
            ExecutorService healthPings = Executors.newCachedThreadPool(runnable -> daemon("sample-health-ping", runnable));
            resources.add(healthPings::shutdownNow);
            HealthResource health = new HealthResource(HealthResource.healthOf(transactions, config, integration,
                            ConfigLookup.of(appEnv), Clock.systemUTC())
                    .databaseOpen(transactions::ready)
                    .databaseTimeout(Duration.ofSeconds(3), healthPings)
                    .build());
            ResourceConfig app = MessengerJersey.register(new ResourceConfig(), backend)
                    .registerInstances(health, new WebPageResource(page), MetricsResource.of(meters, metrics,
                            new HealthQueries(transactions, Clock.systemUTC()), Clock.systemUTC(), healthPings, config.apiVersion()));
            if (demo != null) {
                app.registerInstances(new DemoResource(demo, backend.authorizer()));
            }
            if (Boolean.parseBoolean(env.getOrDefault("SAMPLE_BENCHMARK_ENDPOINTS", "false"))) {
                app.registerInstances(new BenchmarkResource(backend.inbox(), backend.events(), backend.authorizer(), integration.webhookMaxBytes(), workers));
            }
            URI bind = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
            // HTTP/1.1 and h2c: the JDK's HttpClient asks for an h2c upgrade on every request by default.
            StandaloneServer http = StandaloneServer.start(bind, app, integration.requestMaxBytes());
            resources.add(http);
            int port = http.port();
            String visibleHost = "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host();
            URI baseUri = URI.create("http://" + visibleHost + ":" + port + "/");

            database.join();
            if (demo == null) {
                StoredTokenCheck.requireOpenable(new JpaTokenStore(transactions, Clock.systemUTC()), keyset);
            }
            backend.start();
            SampleServer server = new SampleServer(settings, baseUri, demo, backend, Map.copyOf(appEnv), List.copyOf(resources));
            server.readyAt = Instant.now();
            if (demo != null) {
                server.webhookVerified = demo.connect(baseUri);
            }
            return server;
        } catch (RuntimeException | Error e) {
            closeAll(resources);
            throw e;
        }
    }

    /** More threads than this is a typo, not a plan: each holds a stack and a database connection. */
    private static final int MAX_WORKERS = 256;

    static int workerThreads(Map<String, String> env) {
        String value = env.get("SAMPLE_WEBHOOK_WORKERS");
        if (value == null || value.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 1 && threads <= MAX_WORKERS) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("SAMPLE_WEBHOOK_WORKERS must be a whole number of threads, at least 1"
                + " and at most " + MAX_WORKERS + ", such as 2; was '" + value + "'");
    }

    private static ResourceLocalTransactions openDatabase(StandaloneSettings settings) {
        if (settings.h2()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create DATA_DIR " + settings.dataDir(), e);
            }
        }
        Map<String, Object> properties = new HashMap<>();
        // Every webhook is one short transaction: reuse prepared statements instead of parsing the SQL each time,
        // and end the persistence context with the commit instead of tracking the objects on.
        properties.put("eclipselink.jdbc.cache-statements", "true");
        properties.put("eclipselink.jdbc.cache-statements.size", "100");
        properties.put("eclipselink.persistence-context.close-on-commit", "true");
        properties.put("eclipselink.persistence-context.persist-on-commit", "false");
        // Migrates the schema, then opens the unit.
        EntityManagerFactory factory = MessengerPersistence.standalone(settings.dbUrl(), settings.dbUser(),
                settings.dbPassword(), properties);
        return new ResourceLocalTransactions(factory);
    }

    /** Demo data belongs to one run of the emulator: its ids and tokens do not survive a restart. */
    private static void deleteDemoDatabase(Path dataDir) {
        try {
            for (String file : List.of("demo.mv.db", "demo.trace.db")) {
                Files.deleteIfExists(dataDir.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the demo database in " + dataDir, e);
        }
    }

    /** Where the server answers, with a trailing slash, such as {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    /** The backend, for tests and for hosts that extend the sample. */
    public MessengerBackend backend() {
        return backend;
    }

    /** The emulator and demo credentials, in demo mode. */
    Optional<DemoPlatform> demo() {
        return Optional.ofNullable(demo);
    }

    /** True when, in demo mode, the emulator's webhook verification handshake against this app succeeded. */
    boolean webhookVerified() {
        return webhookVerified;
    }

    /** When the health check started answering 200. */
    Instant readyAt() {
        return readyAt;
    }

    /** The configuration the app runs with (in demo mode including the emulator's made-up credentials). */
    Map<String, String> appEnvironment() {
        return appEnvironment;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.getLogger(SampleServer.class.getName()).log(System.Logger.Level.WARNING,
                        "Closing " + resources.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
    }

    private static Thread daemon(String name, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
