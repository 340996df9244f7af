package io.messengerkit.testkit.docs;

import io.messengerkit.AccessToken;
import io.messengerkit.config.EnvironmentVariables;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.http.WebhookEndpoint;
import io.messengerkit.webhook.http.WebhookServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The first bot of docs/getting-started.md: the SDK alone on the JDK's HTTP server, one page,
 * one webhook URL. Kept here so that the page's code compiles and {@code HelloBotTest} runs it.
 */
public final class HelloBot implements AutoCloseable {
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final WebhookServer server;

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
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .appId(config.appId())                                  // tells our own echoes apart
                .executor(handlers)
                .messengers(pageId -> graph.messenger(pageToken))       // one page, one token
                .onMessage((message, ctx) -> {
                    ctx.typingOn();
                    ctx.reply(message.text() == null ? "Thanks! I can only read text for now."
                            : "Hello! You said: " + message.text());
                })
                .onPostback((postback, ctx) -> ctx.reply("You pressed " + postback.title()))
                .build();
        server = WebhookServer.start(address, "/webhook", WebhookEndpoint.create(config, dispatcher));
    }

    /** Runs the bot with MESSENGER_APP_ID, MESSENGER_APP_SECRET, MESSENGER_VERIFY_TOKEN, PAGE_ACCESS_TOKEN and PORT. */
    public static void main(String[] args) throws IOException {
        EnvironmentVariables env = EnvironmentVariables.system();
        AccessToken pageToken = AccessToken.of(env.require("PAGE_ACCESS_TOKEN", "the page's access token"
                + " from the App Dashboard (Messenger > Messenger API Settings)"));
        HelloBot bot = new HelloBot(MessengerConfig.fromEnvironment(), pageToken,
                new InetSocketAddress(env.port("PORT", 8080)));
        System.out.println("Webhook listening at " + bot.webhookUrl());
    }

    /** The callback URL to give Meta (behind your HTTPS proxy) or the emulator. */
    public URI webhookUrl() {
        return server.url();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
        handlers.shutdown();                                    // let running handlers finish their sends
        handlers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
