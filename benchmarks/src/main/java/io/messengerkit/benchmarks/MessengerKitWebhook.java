package io.messengerkit.benchmarks;

import io.messengerkit.AppSecret;
import io.messengerkit.webhook.DeduplicationLedger;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.EventHandler;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.event.WebhookEvent;

/**
 * This SDK receiving a webhook: {@link WebhookSignature} over the raw bytes, then
 * {@link WebhookDispatcher#dispatch(byte[])}, which parses, routes each event to its typed handler
 * (echoes to the echo handler), keeps per-conversation order and computes each event's
 * de-duplication key. The executor runs work on the calling thread, so everything measured is the
 * SDK's own work; handlers only count. Thread-confined.
 *
 * <p>The ledger accepts every key: the same body is dispatched over and over, and the peers do no
 * de-duplication at all, so a remembering ledger would measure a skip path the peers lack.
 */
final class MessengerKitWebhook {
    private final WebhookSignature signature;
    private final WebhookDispatcher dispatcher;
    private int handled;
    private DispatchReport lastReport;

    MessengerKitWebhook(AppSecret secret) {
        this.signature = WebhookSignature.of(secret);
        EventHandler<WebhookEvent> count = (event, context) -> handled++;
        this.dispatcher = WebhookDispatcher.builder()
                .appId(Deliveries.APP_ID)
                .executor(Runnable::run)
                .deduplication(new AcceptEveryKey())
                .messengers(pageId -> {
                    throw new IllegalStateException("benchmark handlers never send");
                })
                .onMessage(count)
                .onEcho(count)
                .onDelivery(count)
                .onRead(count)
                .onPostback(count)
                .onReaction(count)
                .build();
    }

    /** Returns how many events reached a handler. */
    int handle(byte[] body, String signatureHeader) {
        handled = 0;
        signature.verify(body, signatureHeader);
        lastReport = dispatcher.dispatch(body).join();
        return handled;
    }

    /** The signature check, for measuring that stage alone. */
    WebhookSignature signature() {
        return signature;
    }

    /** The dispatcher, for measuring parse and dispatch apart. */
    WebhookDispatcher dispatcher() {
        return dispatcher;
    }

    /** The report of the last {@link #handle} call. */
    DispatchReport lastReport() {
        return lastReport;
    }

    /** A ledger that never remembers: every event is handled every time. */
    private static final class AcceptEveryKey implements DeduplicationLedger {
        @Override
        public boolean tryClaim(String key) {
            return true;
        }

        @Override
        public void markDone(String key) {
        }

        @Override
        public void release(String key) {
        }
    }
}
