package io.messengerkit.jakarta.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.jakarta.error.PayloadTooLargeException;
import io.messengerkit.jakarta.error.RequestNotVerifiedException;
import io.messengerkit.jakarta.persistence.EventQueue.NewEvent;
import io.messengerkit.jakarta.persistence.QueuedDeliveries;
import io.messengerkit.jakarta.persistence.WebhookInbox;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;

/**
 * Meta's webhook callback as two operations: the subscription handshake, and receiving a delivery.
 *
 * <p>{@link #receive} reads at most the configured number of bytes, verifies
 * {@code X-Hub-Signature-256} over exactly those bytes, stores the delivery in the inbox in one
 * transaction and wakes the inbox worker; the caller answers Meta at once and the worker processes
 * the delivery afterwards. With the event pipeline, the delivery's events are queued in the same
 * request, before the answer: a delivery acknowledged before the next was sent has its events
 * queued first. Deliveries that arrive at the same moment share one transaction (a group commit,
 * see {@link QueuedDeliveries}); each is answered only once that transaction has committed.
 * Nothing is parsed or stored before the signature holds. A correctly
 * signed body that is not one JSON object is stored as failed, so it is kept for inspection and
 * the caller still answers 200: Meta would otherwise redeliver it forever.
 */
public final class WebhookIntake {
    private static final System.Logger LOG = System.getLogger(WebhookIntake.class.getName());
    private static final JsonFactory JSON = new JsonFactory();
    /** Deliveries stored in one transaction at most; under load a batch is what arrived during the last commit. */
    private static final int MAX_BATCH = 64;
    /**
     * Intake transactions running at once before further deliveries wait and are grouped. Several at once
     * let PostgreSQL flush their commits together itself; one at a time was slower there (511 against 1,989
     * deliveries/s at 4, docs/benchmarks.md). Deliveries are grouped only beyond this many at once.
     */
    private static final int MAX_CONCURRENT_COMMITS = 8;

    /**
     * What became of a delivery.
     *
     * @param inboxId the inbox row the delivery was stored in
     * @param queued true when the worker will process it; false when it was stored as failed
     *     because the body is not one JSON object
     */
    public record Receipt(long inboxId, boolean queued) {
    }

    private final WebhookSignature signature;
    private final WebhookInbox inbox;
    private final Runnable wakeWorker;
    private final int maxBytes;
    private final EventSplitter splitter;
    private final GroupCommit<QueuedDeliveries.Delivery, QueuedDeliveries.Stored> deliveries;

    /**
     * The intake over the given verifier and inbox.
     *
     * @param signature verifies signatures and the handshake's verify token
     * @param inbox where deliveries are stored
     * @param wakeWorker asks the inbox worker to poll now; must not block
     * @param maxBytes the largest body accepted
     */
    public WebhookIntake(WebhookSignature signature, WebhookInbox inbox, Runnable wakeWorker, int maxBytes) {
        this(signature, inbox, wakeWorker, maxBytes, null);
    }

    /**
     * The intake over the given verifier and inbox, queueing each delivery's events before answering.
     *
     * @param signature verifies signatures and the handshake's verify token
     * @param inbox where deliveries are stored
     * @param wakeWorker asks the inbox worker to poll now; must not block
     * @param maxBytes the largest body accepted
     * @param splitter queues a delivery's events in the request, or null to leave it to the inbox worker
     */
    public WebhookIntake(WebhookSignature signature, WebhookInbox inbox, Runnable wakeWorker, int maxBytes,
            EventSplitter splitter) {
        QueuedDeliveries stored = splitter == null ? null : new QueuedDeliveries(splitter.queue(), inbox);
        this.splitter = splitter;
        this.deliveries = splitter == null ? null : new GroupCommit<>(stored::storeTogether, stored::storeAlone, MAX_BATCH,
                MAX_CONCURRENT_COMMITS);
        this.signature = Objects.requireNonNull(signature, "signature");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.wakeWorker = Objects.requireNonNull(wakeWorker, "wakeWorker");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The subscription handshake: {@code GET} with {@code hub.mode}, {@code hub.verify_token} and
     * {@code hub.challenge}.
     *
     * @param mode {@code hub.mode}, which must be {@code subscribe}
     * @param verifyToken {@code hub.verify_token}, which must be the configured verify token
     * @param challenge {@code hub.challenge}
     * @return the challenge, to echo as plain text
     * @throws RequestNotVerifiedException when the mode or the verify token is wrong
     */
    public String verifySubscription(String mode, String verifyToken, String challenge) {
        try {
            return signature.verifyChallenge(mode, verifyToken, challenge);
        } catch (WebhookSignatureException e) {
            throw new RequestNotVerifiedException(RequestNotVerifiedException.Check.VERIFY_TOKEN,
                    "hub.mode or hub.verify_token is wrong.");
        }
    }

    /**
     * Receives one delivery: bounded read, signature check, inbox write, worker wake.
     *
     * @param body the request body, read here and closed
     * @param declaredLength the {@code Content-Length} the sender declared, or -1 when unknown
     * @param signatureHeader the {@code X-Hub-Signature-256} header, or null when absent
     * @return where the delivery was stored
     * @throws PayloadTooLargeException when the body (or its declared length) is over the limit; nothing is stored
     * @throws RequestNotVerifiedException when the signature is missing or does not match; nothing is stored
     */
    public Receipt receive(InputStream body, long declaredLength, String signatureHeader) {
        if (declaredLength > maxBytes) {
            throw new PayloadTooLargeException(maxBytes);
        }
        byte[] raw = PayloadTooLargeException.readAtMost(body, maxBytes);
        if (!signature.isValid(raw, signatureHeader)) {
            LOG.log(Level.WARNING, "Rejected a webhook delivery of {0} bytes: {1} signature", raw.length,
                    signatureHeader == null ? "missing" : "invalid");
            throw new RequestNotVerifiedException(RequestNotVerifiedException.Check.WEBHOOK_SIGNATURE,
                    "X-Hub-Signature-256 is missing or does not match the body.");
        }
        if (deliveries != null) {
            List<NewEvent> events;
            try {
                events = splitter.eventsOf(raw);
            } catch (DeliveryProcessor.PermanentDeliveryFailure e) {
                // Not JSON, or over the parser's caps: signed, so acknowledged, but kept as failed and never retried.
                return storedAsFailed(raw, Objects.requireNonNullElse(wellFormedObject(raw), e.getMessage()));
            }
            try {
                QueuedDeliveries.Stored stored = deliveries.submit(new QueuedDeliveries.Delivery(raw, events));
                splitter.stored(stored.added(), stored.duplicates());
                return new Receipt(stored.inboxId(), true);
            } catch (RuntimeException e) {
                // Stored for the inbox worker, which splits it again (event keys make that idempotent).
                LOG.log(Level.WARNING, "Could not queue the events of a delivery at once, left to the inbox worker: {0}",
                        e.toString());
            }
        } else {
            String broken = wellFormedObject(raw);
            if (broken != null) {
                return storedAsFailed(raw, broken);
            }
        }
        long id = inbox.accept(raw);
        wakeWorker.run();
        return new Receipt(id, true);
    }

    private Receipt storedAsFailed(byte[] raw, String reason) {
        long id = inbox.acceptFailed(raw, reason);
        LOG.log(Level.WARNING, "Stored signed but unusable webhook delivery {0} as failed: {1}", id, reason);
        return new Receipt(id, false);
    }

    /** Null if the bytes are one well-formed JSON object, else why not (without echoing content). */
    static String wellFormedObject(byte[] raw) {
        try (JsonParser parser = JSON.createParser(raw)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "body is not a JSON object";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "body has content after the JSON object";
            }
            return null;
        } catch (IOException e) {
            return "body is not valid JSON";
        }
    }
}
