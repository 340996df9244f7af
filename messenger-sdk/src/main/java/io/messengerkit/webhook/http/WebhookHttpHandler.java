package io.messengerkit.webhook.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The {@link WebhookEndpoint} as a handler of the JDK's own HTTP server ({@code com.sun.net.httpserver}),
 * for an {@code HttpServer} you set up yourself:
 *
 * <pre>{@code
 * server.createContext("/webhook", new WebhookHttpHandler(endpoint));
 * }</pre>
 *
 * {@link WebhookServer} does the setting up for you.
 */
public final class WebhookHttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(WebhookHttpHandler.class.getName());

    private final WebhookEndpoint endpoint;

    /**
     * A handler answering every request with {@code endpoint}.
     *
     * @param endpoint the webhook endpoint
     */
    public WebhookHttpHandler(WebhookEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebhookResponse response;
            try {
                response = endpoint.handle(new WebhookRequest(exchange.getRequestMethod(),
                        WebhookRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestHeaders(), exchange.getRequestBody()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Webhook request failed: " + e.getClass().getName());
                response = WebhookResponse.text(500, "Internal Server Error");
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] body = response.bodyBytes();
            boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
