package io.messengerkit.webhook;

import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.webhook.event.WebhookEvent;
import java.time.Duration;
import java.util.List;

/**
 * One event and its handlers, run in its conversation's lane: claims the event's de-duplication key
 * right before the handlers run, runs each handler isolated from the others, then marks the key
 * done, or releases it when a handler failed so a redelivery runs the event again.
 */
final class EventJob extends ConversationLanes.Task {
    /** What became of the event; FAILED until the handlers say otherwise. */
    enum Outcome { DISPATCHED, DUPLICATE, FAILED }

    /** What every job of a dispatcher shares. */
    record Handling(DeduplicationLedger ledger, String appId, PageMessengerResolver resolver, ErrorHandler errors,
            MessengerMetrics metrics) {
    }

    private final WebhookEvent event;
    private final EventKind kind;
    private final List<EventHandler<WebhookEvent>> targets;
    private final DispatchTally tally;
    private final Handling handling;
    // Written and read by the thread that runs the job; the tally counts it in completed().
    private Outcome outcome = Outcome.FAILED;

    EventJob(WebhookEvent event, EventKind kind, List<EventHandler<WebhookEvent>> targets, DispatchTally tally,
            Handling handling) {
        this.event = event;
        this.kind = kind;
        this.targets = targets;
        this.tally = tally;
        this.handling = handling;
    }

    WebhookEvent event() {
        return event;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    void completed() {
        tally.finishedOne(outcome);
    }

    @Override
    void rejected(Throwable cause) {
        outcome = Outcome.FAILED;
        handling.errors().onError(event, cause);
        tally.finishedOne(Outcome.FAILED);
    }

    @Override
    void work() {
        DeduplicationLedger ledger = handling.ledger();
        String key;
        try {
            key = ledger == DisabledLedger.INSTANCE ? null : DeduplicationKeys.of(event, kind);
            if (key != null && !ledger.tryClaim(key)) {
                handling.metrics().duplicateDropped(kind.tag());
                outcome = Outcome.DUPLICATE;
                return;
            }
        } catch (RuntimeException e) {
            outcome = Outcome.FAILED;
            handling.errors().onError(event, e);
            return;
        }
        EventContext context = new EventContext(event, handling.appId(), handling.resolver());
        boolean ok = true;
        MessengerMetrics metrics = handling.metrics();
        long started = metrics == MessengerMetrics.NONE ? 0 : System.nanoTime();
        for (EventHandler<WebhookEvent> handler : targets) {
            try {
                handler.handle(event, context);
            } catch (VirtualMachineError e) {
                if (key != null) {
                    release(key);
                }
                outcome = Outcome.FAILED;
                throw e;
            } catch (Exception | Error e) {
                ok = false;
                handling.errors().onError(event, e);
            }
        }
        if (metrics != MessengerMetrics.NONE) {
            metrics.eventHandled(kind.tag(), ok, Duration.ofNanos(System.nanoTime() - started));
        }
        if (key == null) {
            outcome = ok ? Outcome.DISPATCHED : Outcome.FAILED;
            return;
        }
        if (ok) {
            try {
                ledger.markDone(key);
                outcome = Outcome.DISPATCHED;
            } catch (RuntimeException e) {
                outcome = Outcome.FAILED;
                handling.errors().onError(event, e);
            }
        } else {
            release(key);
            outcome = Outcome.FAILED;
        }
    }

    private void release(String key) {
        try {
            handling.ledger().release(key);
        } catch (RuntimeException e) {
            handling.errors().onError(event, e);
        }
    }
}
