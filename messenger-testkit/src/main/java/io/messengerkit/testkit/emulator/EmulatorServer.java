package io.messengerkit.testkit.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's HTTP server on loopback: CORS for loopback pages, {@code /emulator/*} to the
 * {@link DemoApi}, everything else to the {@link GraphEndpoint}, and the headers every Meta answer
 * carries. Its threads are daemons, so a forgotten emulator never keeps a JVM alive. (TCP_NODELAY is
 * switched on when {@link PlatformEmulator} loads, before any server starts.)
 */
final class EmulatorServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PlatformEmulator.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;

    private EmulatorServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds to the loopback port (0: any free one) without answering yet. */
    static EmulatorServer bind(int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the emulator to port " + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "messenger-emulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        return new EmulatorServer(server, executor);
    }

    /** {@code http://<loopback address>:<port>}. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The server's threads, also for work the emulator does on its own (echo webhooks). */
    Executor executor() {
        return executor;
    }

    void start(GraphEndpoint graph, DemoApi demo) {
        server.createContext("/", exchange -> serve(exchange, graph, demo));
        server.start();
    }

    private void serve(HttpExchange exchange, GraphEndpoint graph, DemoApi demo) {
        try (exchange) {
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && isLoopbackOrigin(origin)) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Vary", "Origin");
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Authorization");
                exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
            }
            if (exchange.getRequestMethod().equalsIgnoreCase("OPTIONS")) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            Reply reply = exchange.getRequestURI().getRawPath().startsWith("/emulator/")
                    ? demo.handle(exchange)
                    : graph.answer(exchange);
            if (reply != null) {
                write(exchange, reply);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "emulator could not answer a call", e);
        }
    }

    static boolean isLoopbackOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost();
            return host != null && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]")
                    || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("x-fb-rev", "1000000001");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (!reply.headers().containsKey("x-fb-trace-id")) {
            exchange.getResponseHeaders().set("x-fb-trace-id", Reply.newTraceId());
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
