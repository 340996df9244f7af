package io.messengerkit.webhook.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WebhookEndpoint} on the JDK's own HTTP server: no framework, no dependency. Good for a bot
 * behind an HTTPS proxy or tunnel, and for tests.
 *
 * <pre>{@code
 * try (WebhookServer server = WebhookServer.start(new InetSocketAddress(8080), "/webhook", endpoint)) {
 *     System.out.println("Webhook listening at " + server.url());
 *     ...
 * }
 * }</pre>
 *
 * <p>Requests run on a small pool of their own, so a dispatcher that waits for room
 * ({@code WebhookDispatcher.Builder.admissionTimeout}) never holds up the server's accept loop. The server
 * speaks HTTP/1.1: a client asking to upgrade to HTTP/2 ({@code Upgrade: h2c}, as the JDK's
 * {@code HttpClient} does) simply continues in HTTP/1.1.
 */
public final class WebhookServer implements AutoCloseable {
    private static final int REQUEST_THREADS = 4;
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private static final long CLOSE_GRACE_MILLIS = 1000;

    private final HttpServer server;
    private final ExecutorService requests;
    private final String path;
    private final Object idle = new Object();
    private int inFlight;
    private boolean closing;

    private WebhookServer(HttpServer server, ExecutorService requests, String path) {
        this.server = server;
        this.requests = requests;
        this.path = path;
    }

    /**
     * Opens {@code address} and serves the endpoint at {@code path}.
     *
     * @param address where to listen; port 0 picks a free port ({@link #url()} tells which)
     * @param path the webhook path, such as {@code /webhook}; it must start with {@code /}
     * @param endpoint answers the requests
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static WebhookServer start(InetSocketAddress address, String path, WebhookEndpoint endpoint) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(endpoint, "endpoint");
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', such as /webhook");
        }
        HttpServer server = HttpServer.create(address, 0);
        int serverNumber = SERVERS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "messengerkit-webhook-" + serverNumber + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(requests);
        WebhookServer webhookServer = new WebhookServer(server, requests, path);
        WebhookHttpHandler handler = new WebhookHttpHandler(endpoint);
        server.createContext(path, exchange -> {
            if (!webhookServer.enter()) {
                // Closing: Meta delivers it again later, to this instance's successor.
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            try {
                handler.handle(exchange);
            } finally {
                webhookServer.leave();
            }
        });
        server.start();
        return webhookServer;
    }

    private boolean enter() {
        synchronized (idle) {
            if (closing) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void leave() {
        synchronized (idle) {
            if (--inFlight == 0) {
                idle.notifyAll();
            }
        }
    }

    /** {@return the address the server is bound to, with the actual port} */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * The webhook's URL on this machine, such as {@code http://localhost:8080/webhook}: {@code localhost}
     * when the server listens on every interface. Meta needs the public HTTPS URL of your proxy instead.
     *
     * @return the URL the server answers at
     */
    public URI url() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + path);
    }

    /**
     * Stops accepting connections, lets requests in progress finish (up to a second: the endpoint
     * answers without waiting for handlers), and stops the request threads. Handlers still running on the
     * dispatcher's executor are not affected: shut that executor down after this.
     */
    @Override
    public void close() {
        synchronized (idle) {
            closing = true;
            long deadline = System.nanoTime() + CLOSE_GRACE_MILLIS * 1_000_000;
            long left;
            while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // HttpServer.stop(n) on Java 17 waits the whole n seconds even when idle: the wait above is ours.
        server.stop(0);
        requests.shutdown();
    }
}
