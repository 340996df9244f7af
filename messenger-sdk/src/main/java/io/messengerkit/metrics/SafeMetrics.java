package io.messengerkit.metrics;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A listener whose failures are logged once and never reach the SDK's code paths. */
final class SafeMetrics implements MessengerMetrics {
    private static final System.Logger LOG = System.getLogger(MessengerMetrics.class.getName());

    private final MessengerMetrics delegate;
    private final AtomicBoolean warned = new AtomicBoolean();

    SafeMetrics(MessengerMetrics delegate) {
        this.delegate = delegate;
    }

    private void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            if (warned.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Metrics listener {0} failed (further failures are not logged): {1}",
                        delegate.getClass().getName(), e.getClass().getName());
            }
        }
    }

    @Override
    public void deliveryVerified(int bytes) {
        guard(() -> delegate.deliveryVerified(bytes));
    }

    @Override
    public void signatureRejected(String reason) {
        guard(() -> delegate.signatureRejected(reason));
    }

    @Override
    public void deliveryUnparseable() {
        guard(delegate::deliveryUnparseable);
    }

    @Override
    public void eventReceived(String kind) {
        guard(() -> delegate.eventReceived(kind));
    }

    @Override
    public void duplicateDropped(String kind) {
        guard(() -> delegate.duplicateDropped(kind));
    }

    @Override
    public void eventHandled(String kind, boolean succeeded, Duration latency) {
        guard(() -> delegate.eventHandled(kind, succeeded, latency));
    }

    @Override
    public void graphCallCompleted(GraphCallResult result) {
        guard(() -> delegate.graphCallCompleted(result));
    }

    @Override
    public void graphCallRetried(String call, boolean send) {
        guard(() -> delegate.graphCallRetried(call, send));
    }

    @Override
    public void rateLimitUsage(String header, String businessId, int percent) {
        guard(() -> delegate.rateLimitUsage(header, businessId, percent));
    }

    @Override
    public void inboxBacklog(long pending, long setAside, Duration oldestAge) {
        guard(() -> delegate.inboxBacklog(pending, setAside, oldestAge));
    }
}
