package io.messengerkit.sample;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.webhook.DeliveryProcessor;
import io.messengerkit.sample.bot.RuleBasedBot;
import io.messengerkit.sample.bot.SampleHandlers;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.token.TokenKey;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.WebhookDispatcher;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * How the sample processes the webhook deliveries the integration module stores in its inbox: the SDK's
 * dispatcher with the sample's handlers ({@link SampleHandlers}), answering with the token of the page's
 * linked chatbot and writing every turn to the module's message log.
 *
 * <p>The backend needs its delivery processor when it is built, and this processor needs the built backend
 * (its links, tokens and log): {@link #processor()} hands out a processor that forwards to this object once
 * {@link #attach(MessengerBackend)} has run, which must happen before {@code backend.start()}.
 */
public final class SampleWebhookProcessing {

    private static final System.Logger LOG = System.getLogger(SampleWebhookProcessing.class.getName());

    private final RuleBasedBot bot;
    private final Executor executor;
    private volatile DeliveryProcessor delegate;

    /**
     * @param bot      the chatbot's brain
     * @param executor runs the handlers (a {@code ManagedExecutorService} on a server)
     */
    public SampleWebhookProcessing(RuleBasedBot bot, Executor executor) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** The processor to give the backend's builder. */
    public DeliveryProcessor processor() {
        return body -> {
            DeliveryProcessor target = delegate;
            if (target == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("webhook processing is not attached yet"));
            }
            return target.process(body);
        };
    }

    /** Wires the processor to the built backend. */
    public void attach(MessengerBackend backend) {
        Objects.requireNonNull(backend, "backend");
        SampleHandlers handlers = new SampleHandlers(bot, exchange -> log(backend, exchange), backend.clock());
        WebhookDispatcher dispatcher = WebhookDispatcher.builder()
                .executor(executor)
                .appId(backend.config().appId())
                .messengers(pageId -> messengerFor(backend, pageId))
                .onMessage(handlers::onMessage)
                .onPostback(handlers::onPostback)
                .onReaction(handlers::onReaction)
                .onRead(handlers::onRead)
                .build();
        delegate = body -> dispatcher.dispatch(body).thenCompose(SampleWebhookProcessing::outcome);
    }

    private static CompletionStage<Void> outcome(DispatchReport report) {
        if (report.needsRetry()) {
            return CompletableFuture.failedFuture(new IllegalStateException(report.failed() + " of " + report.events()
                    + " events failed; the delivery is retried"));
        }
        if (report.events() == 0 && report.unparseable() > 0) {
            return CompletableFuture.failedFuture(new DeliveryProcessor.PermanentDeliveryFailure("not a webhook delivery"));
        }
        return CompletableFuture.completedFuture(null);
    }

    private static PageMessenger messengerFor(MessengerBackend backend, String pageId) {
        LinkedPage page = backend.links().activePage(pageId)
                .orElseThrow(() -> new IllegalStateException("page " + pageId + " is not linked to a chatbot"));
        return backend.graphClient().messenger(backend.tokens().tokenFor(TokenKey.page(page.chatbotId(), page.pageId())));
    }

    private static void log(MessengerBackend backend, MessageExchange exchange) {
        try {
            String chatbot = backend.links().activePage(exchange.pageId()).map(LinkedPage::chatbotId).orElse(null);
            if (chatbot == null) {
                return;
            }
            MessageLog.Status status = switch (exchange.status()) {
                case SENT -> MessageLog.Status.REPLIED;
                case NO_REPLY -> MessageLog.Status.NO_REPLY;
                case FAILED -> MessageLog.Status.FAILED;
            };
            backend.messageLog().append(new MessageLog.Entry(chatbot, exchange.pageId(),
                    ChatbotQuery.sessionIdOf(exchange.userId()), exchange.inboundMid(), exchange.inboundText(),
                    exchange.outboundText(), exchange.outboundMessageId(), status, null, exchange.error(),
                    exchange.at(), exchange.status() == MessageExchange.Status.SENT ? exchange.at() : null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not log a turn of page " + exchange.pageId() + ": " + e.getClass().getSimpleName());
        }
    }
}
