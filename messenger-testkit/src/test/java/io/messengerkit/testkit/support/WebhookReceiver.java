package io.messengerkit.testkit.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A loopback HTTP endpoint that records what it receives, standing in for an app's webhook callback. */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received: method, query, headers (lower-case names) and the exact body bytes. */
    public record Received(String method, String query, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile Function<Received, Integer> status = r -> 200;
    private volatile Function<Received, String> body = r -> "EVENT_RECEIVED";

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(),
                        headers, exchange.getRequestBody().readAllBytes());
                received.add(r);
                byte[] answer = body.apply(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status.apply(r), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            }
        });
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    public void answer(Function<Received, Integer> status, Function<Received, String> body) {
        this.status = status;
        this.body = body;
    }

    public Received take() {
        try {
            Received r = received.poll(10, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request reached the receiver within 10 s");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int pending() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
