package io.messengerkit.testkit.docs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The first bot of docs/getting-started.md: the SDK alone on the JDK's HTTP server, one page,
 * one webhook URL. Kept here so that the page's code compiles and {@code HelloBotTest} runs it.
 */
public final class HelloBot implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HelloBot.class.getName());
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final WebhookSignature signature;
    private final WebhookDispatcher dispatcher;
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final HttpServer server;

    /**
     * Starts the bot.
     *
     * @param config app id, app secret and verify token (and, in tests, the emulator's base URL)
     * @param pageToken the token of the one page this bot answers for
     * @param address where to listen
     * @throws IOException when the port cannot be opened
     */
    public HelloBot(MessengerConfig config, AccessToken pageToken, InetSocketAddress address) throws IOException {
        GraphClient graph = GraphClient.create(config);
        signature = WebhookSignature.builder(config.appSecret())
                .verifyToken(config.verifyToken().orElseThrow())
                .build();
        dispatcher = WebhookDispatcher.builder()
                .appId(config.appId())                                  // tells our own echoes apart
                .executor(handlers)
                .messengers(pageId -> graph.messenger(pageToken))       // one page, one token
                .onMessage((message, ctx) -> {
                    ctx.typingOn();
                    if (message.isQuickReply()) {
                        ctx.reply("You picked " + message.quickReplyPayload());
                    } else if (message.text() != null) {
                        ctx.reply("Hello! You said: " + message.text());
                    } else {
                        ctx.reply("Thanks! I can only read text for now.");
                    }
                })
                .onPostback((postback, ctx) -> ctx.reply("You pressed " + postback.title()))
                .onError((event, error) -> LOG.log(System.Logger.Level.WARNING, "A webhook handler failed", error))
                .build();
        server = HttpServer.create(address, 0);
        server.createContext("/webhook", this::handle);
        server.start();
    }

    /** Runs the bot with MESSENGER_APP_ID, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN, PAGE_ACCESS_TOKEN and PORT. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HelloBot bot = new HelloBot(MessengerConfig.fromEnvironment(),
                AccessToken.of(System.getenv("PAGE_ACCESS_TOKEN")), new InetSocketAddress(port));
        System.out.println("Webhook listening at " + bot.webhookUrl());
    }

    /** The callback URL to give Meta (behind your HTTPS proxy) or the emulator. */
    public URI webhookUrl() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
        return URI.create("http://" + host + ":" + bound.getPort() + "/webhook");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> verifySubscription(exchange);
                case "POST" -> receive(exchange);
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    /** Meta's handshake when the callback URL is saved: echo hub.challenge if the verify token matches. */
    private void verifySubscription(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            String challenge = signature.verifyChallenge(
                    query.get("hub.mode"), query.get("hub.verify_token"), query.get("hub.challenge"));
            respond(exchange, 200, challenge);
        } catch (WebhookSignatureException e) {
            exchange.sendResponseHeaders(403, -1);
        }
    }

    /** A delivery: read the raw bytes (bounded), verify them, hand them to the dispatcher, answer at once. */
    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            exchange.sendResponseHeaders(413, -1);
            return;
        }
        try {
            signature.verify(body, exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_256_HEADER));
        } catch (WebhookSignatureException e) {
            exchange.sendResponseHeaders(403, -1);      // forged or broken: dispatch nothing
            return;
        }
        CompletableFuture<DispatchReport> report = dispatcher.dispatch(body);
        // The handlers run on the executor; only an overloaded dispatcher refuses the body at once.
        respond(exchange, report.isCompletedExceptionally() ? 503 : 200, "EVENT_RECEIVED");
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        handlers.shutdown();                                    // let running handlers finish their sends
        handlers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
