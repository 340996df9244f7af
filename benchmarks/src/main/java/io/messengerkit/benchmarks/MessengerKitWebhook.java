package io.messengerkit.benchmarks;

import io.messengerkit.AppSecret;
import io.messengerkit.webhook.WebhookBatch;
import io.messengerkit.webhook.WebhookEntry;
import io.messengerkit.webhook.WebhookParser;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;

/**
 * This SDK receiving a webhook: {@link WebhookSignature} over the raw bytes, then
 * {@link WebhookParser} into typed events.
 */
final class MessengerKitWebhook {
    private final WebhookSignature signature;
    private final WebhookParser parser = WebhookParser.create();

    MessengerKitWebhook(AppSecret secret) {
        this.signature = WebhookSignature.of(secret);
    }

    /** Returns how many events were parsed into a known, well-formed type. */
    int handle(byte[] body, String signatureHeader) {
        signature.verify(body, signatureHeader);
        WebhookBatch batch = parser.parse(body);
        int recognised = 0;
        for (WebhookEntry entry : batch.entries()) {
            for (WebhookEvent event : entry.events()) {
                if (!(event instanceof UnknownEvent) && !(event instanceof UnparseableEvent)) {
                    recognised++;
                }
            }
        }
        return recognised;
    }
}
