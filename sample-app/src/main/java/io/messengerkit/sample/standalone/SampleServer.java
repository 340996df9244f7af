package io.messengerkit.sample.standalone;

import io.messengerkit.sample.HealthResource;
import io.messengerkit.sample.WebPageResource;
import io.messengerkit.sample.WebPageSettings;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * The standalone sample: Jersey on Grizzly serving the admin page, the health check and the Jakarta
 * module's API. Tests start it on a free port; {@link StandaloneMain} starts it for people.
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

    private SampleServer(StandaloneSettings settings, HttpServer http, URI baseUri) {
        this.settings = settings;
        this.http = http;
        this.baseUri = baseUri;
    }

    /** Starts the server and returns once it accepts requests. */
    public static SampleServer start(StandaloneSettings settings, Map<String, String> env) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(env, "env");
        WebPageSettings page = WebPageSettings.fromEnvironment(env);
        ResourceConfig app = new ResourceConfig()
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .registerInstances(new HealthResource(), new WebPageResource(page));
        URI bind = URI.create("http://" + settings.host() + ":" + settings.port() + "/");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bind, app, true);
        int port = http.getListener("grizzly").getPort();
        String visibleHost = "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host();
        return new SampleServer(settings, http, URI.create("http://" + visibleHost + ":" + port + "/"));
    }

    /** Where the server answers, with a trailing slash, such as {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    public StandaloneSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
