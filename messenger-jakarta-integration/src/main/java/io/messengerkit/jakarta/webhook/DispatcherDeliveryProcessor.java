package io.messengerkit.jakarta.webhook;

import io.messengerkit.MessengerException;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Processes inbox rows with the SDK's {@link WebhookDispatcher}: a delivery is done when no event
 * failed; it is retried when some did (the de-duplication ledger makes the retry skip the events
 * that succeeded); it fails for good when the body cannot be parsed at all.
 */
public final class DispatcherDeliveryProcessor implements DeliveryProcessor {
    private final WebhookDispatcher dispatcher;

    /**
     * Processes deliveries with {@code dispatcher}.
     *
     * @param dispatcher the dispatcher
     */
    public DispatcherDeliveryProcessor(WebhookDispatcher dispatcher) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    @Override
    public CompletionStage<Void> process(byte[] body) {
        return dispatcher.dispatch(body).thenCompose(DispatcherDeliveryProcessor::outcome);
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
