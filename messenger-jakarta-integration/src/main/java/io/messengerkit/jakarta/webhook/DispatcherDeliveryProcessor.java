package io.messengerkit.jakarta.webhook;

import io.messengerkit.MessengerException;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookBatch;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookParseException;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Processes inbox rows with the SDK's {@link WebhookDispatcher}: a delivery is done when no event
 * failed; it is retried when some did (the de-duplication ledger makes the retry skip the events
 * that succeeded); it fails for good when the body cannot be parsed at all.
 */
public final class DispatcherDeliveryProcessor implements DeliveryProcessor {
    private final WebhookDispatcher dispatcher;
    private final Consumer<WebhookEvent> beforeHandlers;

    /**
     * Processes deliveries with {@code dispatcher}.
     *
     * @param dispatcher the dispatcher
     */
    public DispatcherDeliveryProcessor(WebhookDispatcher dispatcher) {
        this(dispatcher, null);
    }

    /**
     * Processes deliveries with {@code dispatcher}, showing each event to {@code beforeHandlers} first
     * (what the conversation's state must know before any handler answers: the messaging window,
     * who handles the conversation). If it throws, the delivery fails (and is retried) before any handler ran.
     *
     * @param dispatcher the dispatcher
     * @param beforeHandlers sees each event before the handlers, or null
     */
    public DispatcherDeliveryProcessor(WebhookDispatcher dispatcher, Consumer<WebhookEvent> beforeHandlers) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.beforeHandlers = beforeHandlers;
    }

    @Override
    public CompletionStage<Void> process(byte[] body) {
        if (beforeHandlers == null) {
            return dispatcher.dispatch(body).thenCompose(DispatcherDeliveryProcessor::outcome);
        }
        WebhookBatch batch;
        try {
            batch = dispatcher.parser().parse(body);
        } catch (WebhookParseException e) {
            // The dispatcher reports it as unparseable.
            return dispatcher.dispatch(body).thenCompose(DispatcherDeliveryProcessor::outcome);
        }
        try {
            batch.events().forEach(beforeHandlers);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return dispatcher.dispatch(batch).thenCompose(DispatcherDeliveryProcessor::outcome);
    }

    private static CompletableFuture<Void> outcome(DispatchReport report) {
        if (report.events() == 0 && report.unparseable() > 0) {
            return CompletableFuture.failedFuture(new PermanentDeliveryFailure("body is not a webhook delivery"));
        }
        if (report.needsRetry()) {
            return CompletableFuture.failedFuture(new MessengerException(report.failed() + " of " + report.events()
                    + " events failed; " + report.dispatched() + " handled, " + report.duplicates() + " duplicates"));
        }
        return CompletableFuture.completedFuture(null);
    }
}
