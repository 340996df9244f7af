package io.messengerkit.jakarta.standalone;

import io.messengerkit.jakarta.MessengerBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http2.Http2AddOn;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Jersey on Grizzly, set up the way the standalone backend needs it, in one call:
 *
 * <pre>{@code
 * StandaloneServer server = StandaloneServer.start(URI.create("http://0.0.0.0:8080/"), backend);
 * }</pre>
 *
 * <ul>
 *   <li><b>HTTP/1.1 and HTTP/2 (h2c).</b> The JDK's {@code HttpClient} (and other clients) send
 *       {@code Upgrade: h2c} with every request by default. Plain Grizzly takes that for a protocol switch it
 *       cannot make and never hands a POST's body to the application: the request hangs until the client
 *       gives up. Grizzly's HTTP/2 add-on answers the upgrade, so such requests are served over HTTP/2.</li>
 *   <li><b>DELETE with a body.</b> The seed's clients send {@code DELETE} requests with a JSON body, which
 *       Grizzly drops unless told to keep it.</li>
 *   <li><b>Hostile requests.</b> A request target or Host header that is not a URI gets a 400 problem
 *       document instead of a 500 page with a stack trace; error pages are bare problem documents; no
 *       {@code Server} header is sent; after a refused body the connection is closed rather than the rest
 *       of the body read (see {@code GrizzlyHardening}).</li>
 * </ul>
 *
 * <p>Needs {@code org.glassfish.jersey.containers:jersey-container-grizzly2-http},
 * {@code org.glassfish.jersey.inject:jersey-hk2}, {@code org.glassfish.grizzly:grizzly-http2} and
 * {@code org.glassfish.grizzly:grizzly-npn-api} on the class path (see the standalone section of the
 * Jakarta guide for the versions).
 */
public final class StandaloneServer implements AutoCloseable {
    /** The default of {@code MESSENGER_REQUEST_MAX_BYTES}: bodies the management API accepts at most. */
    private static final int DEFAULT_MAX_REMAINDER = 64 * 1024;

    private final HttpServer http;
    private final URI baseUri;

    private StandaloneServer(HttpServer http, URI baseUri) {
        this.http = http;
        this.baseUri = baseUri;
    }

    /**
     * Serves the backend's resources ({@link MessengerJersey#application(MessengerBackend)}).
     *
     * @param bindUri where to listen, such as {@code http://0.0.0.0:8080/}; port 0 picks a free port
     * @param backend the backend the resources use
     * @return the running server
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static StandaloneServer start(URI bindUri, MessengerBackend backend) {
        return start(bindUri, MessengerJersey.application(backend), backend.requestMaxBytes());
    }

    /**
     * Serves a Jersey application, such as one made with {@link MessengerJersey#register} plus your own
     * resources.
     *
     * @param bindUri where to listen, such as {@code http://0.0.0.0:8080/}; port 0 picks a free port
     * @param application the Jersey application
     * @return the running server
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static StandaloneServer start(URI bindUri, ResourceConfig application) {
        return start(bindUri, application, DEFAULT_MAX_REMAINDER);
    }

    /**
     * Serves a Jersey application, reading and discarding at most {@code maxRemainderToSkip} bytes of a
     * body the application did not read (such as one refused with 413) before closing the connection.
     *
     * @param bindUri where to listen, such as {@code http://0.0.0.0:8080/}; port 0 picks a free port
     * @param application the Jersey application
     * @param maxRemainderToSkip the most bytes of an unread body skipped to keep the connection
     * @return the running server
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static StandaloneServer start(URI bindUri, ResourceConfig application, int maxRemainderToSkip) {
        Objects.requireNonNull(bindUri, "bindUri");
        Objects.requireNonNull(application, "application");
        HttpServer http = GrizzlyHttpServerFactory.createHttpServer(bindUri, application, false);
        for (NetworkListener listener : http.getListeners()) {
            listener.registerAddOn(new Http2AddOn());
        }
        http.getServerConfiguration().setAllowPayloadForUndefinedHttpMethods(true);
        GrizzlyHardening.apply(http, maxRemainderToSkip);
        try {
            http.start();
        } catch (IOException e) {
            http.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + bindUri, e);
        }
        int port = http.getListeners().iterator().next().getPort();
        String host = "0.0.0.0".equals(bindUri.getHost()) || "[::]".equals(bindUri.getHost()) ? "localhost" : bindUri.getHost();
        String path = bindUri.getRawPath() == null || bindUri.getRawPath().isEmpty() ? "/" : bindUri.getRawPath();
        return new StandaloneServer(http, URI.create(bindUri.getScheme() + "://" + host + ":" + port + path));
    }

    /**
     * Where the server answers, with the actual port, such as {@code http://localhost:8080/}: {@code localhost}
     * when it listens on every interface.
     *
     * @return the base URI
     */
    public URI baseUri() {
        return baseUri;
    }

    /** {@return the port the server listens on} */
    public int port() {
        return baseUri.getPort();
    }

    /** {@return the Grizzly server, for settings this class does not make} */
    public HttpServer httpServer() {
        return http;
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        http.shutdownNow();
    }
}
