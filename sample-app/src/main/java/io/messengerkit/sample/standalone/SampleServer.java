package io.messengerkit.sample.standalone;

import io.messengerkit.jakarta.security.ApiKeyAuthorizer;
import io.messengerkit.jakarta.security.ChatbotAuthorizer;
import io.messengerkit.sample.HealthResource;
import io.messengerkit.sample.WebPageResource;
import io.messengerkit.sample.WebPageSettings;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The standalone sample: Jersey on Grizzly serving the admin page, the health check and the Jakarta
 * module's API; in demo mode also the platform emulator. Tests start it on a free port;
 * {@link StandaloneMain} starts it for people.
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
    private final HttpServer http;
    private final URI baseUri;
    private final DemoPlatform demo;
    private final boolean webhookVerified;
    private final Map<String, String> appEnvironment;
    private final List<AutoCloseable> resources;

    private SampleServer(StandaloneSettings settings, HttpServer http, URI baseUri, DemoPlatform demo,
                         boolean webhookVerified, Map<String, String> appEnvironment, List<AutoCloseable> resources) {
        this.settings = settings;
        this.http = http;
        this.baseUri = baseUri;
        this.demo = demo;
        this.webhookVerified = webhookVerified;
        this.appEnvironment = appEnvironment;
        this.resources = resources;
    }

    /** Starts the server (and in demo mode the emulator) and returns once it accepts requests. */
    public static SampleServer start(StandaloneSettings settings, Map<String, String> env) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(env, "env");
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            DemoPlatform demo = settings.demo() ? DemoPlatform.start(env) : null;
            if (demo != null) {
                resources.add(demo);
            }
            Map<String, String> appEnv = demo == null ? env : demo.environment(env);
            WebPageSettings page = demo == null
                    ? WebPageSettings.fromEnvironment(appEnv)
                    : new WebPageSettings(true, appEnv.get("MESSENGER_APP_ID"), appEnv.get("MESSENGER_API_VERSION"), demo.sdkUrl());
            ChatbotAuthorizer authorizer = ApiKeyAuthorizer.parse(appEnv.get("MESSENGER_API_KEYS"));

            ResourceConfig app = new ResourceConfig()
                    .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                    .registerInstances(new HealthResource(), new WebPageResource(page));
            if (demo != null) {
                app.registerInstances(new DemoResource(demo, authorizer));
            }
            URI bind = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
            HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bind, app, true);
            resources.add(http::shutdownNow);
            int port = http.getListener("grizzly").getPort();
            String visibleHost = "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host();
            URI baseUri = URI.create("http://" + visibleHost + ":" + port + "/");
            boolean verified = demo != null && demo.connect(baseUri);
            return new SampleServer(settings, http, baseUri, demo, verified, Map.copyOf(appEnv), List.copyOf(resources));
        } catch (RuntimeException | Error e) {
            closeAll(resources);
            throw e;
        }
    }

    /** Where the server answers, with a trailing slash, such as {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    /** The emulator and demo credentials, in demo mode. */
    Optional<DemoPlatform> demo() {
        return Optional.ofNullable(demo);
    }

    /** True when, in demo mode, the emulator's webhook verification handshake against this app succeeded. */
    boolean webhookVerified() {
        return webhookVerified;
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
}
