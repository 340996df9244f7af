package io.messengerkit.jakarta.webhook;

import io.messengerkit.jakarta.persistence.EventQueue;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events this instance is handling right now, by conversation. At most one event of a
 * conversation is handled at a time anywhere (the queue's claims see to it), so the conversation
 * names the attempt: the reply flow and the dispatcher's error hook, which see only the event, find
 * the attempt here to learn whether a reply already went out, to record the reply's id, and to report
 * the failure of a handler.
 */
public final class InFlightEvents {
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final EventQueue queue;

    /**
     * A registry recording sent replies in {@code queue}.
     *
     * @param queue the event queue
     */
    public InFlightEvents(EventQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /** One attempt at one event. */
    public final class Attempt {
        private final EventQueue.Claim claim;
        private volatile String sentMessageId;
        private volatile boolean lost;
        private volatile boolean sending;
        private volatile MessageExchange exchange;
        private volatile java.time.Instant receivedAt;
        private volatile Throwable failure;

        Attempt(EventQueue.Claim claim) {
            this.claim = claim;
            this.sentMessageId = claim.sentMessageId();
        }

        /** {@return the claim} */
        public EventQueue.Claim claim() {
            return claim;
        }

        /** {@return true when an earlier attempt (or this one) already had a reply accepted by Meta} */
        public boolean replyAlreadySent() {
            return sentMessageId != null;
        }

        /** {@return the id of the reply already sent, or null} */
        public String sentMessageId() {
            return sentMessageId;
        }

        /**
         * Records that Meta accepted a reply, in the database at once (before the event completes).
         *
         * @param messageId Meta's id of the reply
         */
        public void replySent(String messageId) {
            queue.recordSent(claim.id(), messageId);
            sentMessageId = messageId == null ? "(no id)" : messageId;
        }

        /** Records, before the reply is sent, that it is being sent: a crash now leaves the outcome unknown. */
        public void sendStarting() {
            queue.recordSendStarted(claim.id());
            sending = true;
        }

        /** {@return true once this attempt started to send the reply} */
        public boolean sending() {
            return sending;
        }

        /** {@return true when this attempt's lease was lost or its deadline passed: it must not send} */
        public boolean lost() {
            return lost;
        }

        void markLost() {
            lost = true;
        }

        /**
         * Keeps the turn the reply flow reports, for the event's message-log row.
         *
         * @param exchange the turn
         * @param receivedAt Meta's time of the person's message, or null
         */
        public void exchange(MessageExchange exchange, java.time.Instant receivedAt) {
            this.exchange = exchange;
            this.receivedAt = receivedAt;
        }

        /** {@return the last turn the reply flow reported, or null} */
        public MessageExchange exchange() {
            return exchange;
        }

        /** {@return Meta's time of the person's message, or null} */
        public java.time.Instant receivedAt() {
            return receivedAt;
        }

        /**
         * Keeps a handler's failure, for the classification of the attempt's outcome.
         *
         * @param error what a handler threw
         */
        public void failed(Throwable error) {
            if (failure == null) {
                failure = error;
            }
        }

        Throwable failure() {
            return failure;
        }
    }

    Attempt start(EventQueue.Claim claim) {
        Attempt attempt = new Attempt(claim);
        attempts.put(key(claim.accountId(), claim.personId()), attempt);
        return attempt;
    }

    void end(Attempt attempt) {
        attempts.remove(key(attempt.claim.accountId(), attempt.claim.personId()), attempt);
    }

    /**
     * {@return the attempt handling this conversation on this instance, if any}
     *
     * @param accountId the Page or Instagram account
     * @param personId the person
     */
    public Optional<Attempt> find(String accountId, String personId) {
        if (accountId == null || personId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(attempts.get(key(accountId, personId)));
    }

    /**
     * {@return the attempt handling this event's conversation on this instance, if any}
     *
     * @param event the event a handler got
     */
    public Optional<Attempt> find(WebhookEvent event) {
        if (event == null) {
            return Optional.empty();
        }
        return find(event.pageId(), EventSplitter.personOf(event.pageId(), event.senderId(), event.recipientId()));
    }

    /** {@return how many events this instance is handling} */
    public int size() {
        return attempts.size();
    }

    private static String key(String accountId, String personId) {
        return accountId + '\n' + personId;
    }
}
