package io.messengerkit.webhook;

import io.messengerkit.Redactor;
import io.messengerkit.send.SendResult;
import io.messengerkit.webhook.event.MessageEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;

/**
 * The usual bot turn as a ready message handler: show typing, ask the {@link Responder} for an
 * answer, hide typing, send the answer, mark the person's message seen, and report the turn to an
 * {@link ExchangeListener} (for a message log).
 *
 * <pre>{@code
 * ReplyPipeline pipeline = ReplyPipeline.builder()
 *         .responder((message, ctx) -> "You said: " + message.text())
 *         .onExchange(exchange -> messageLog.save(exchange))
 *         .build();
 * WebhookDispatcher.builder()...onMessage(pipeline).build();
 * }</pre>
 *
 * <p>Typing indicators and mark-seen are best effort: their failures are logged and the turn goes
 * on. When the responder or the send fails, the listener hears a {@link MessageExchange.Status#FAILED}
 * turn and the exception propagates, so the dispatcher counts the event as failed and releases it
 * for a retry. Messages without text and deleted or unsupported messages are answered only if the
 * responder returns something for them.
 */
public final class ReplyPipeline implements EventHandler<MessageEvent> {
    private static final System.Logger LOG = System.getLogger(ReplyPipeline.class.getName());

    /** Produces the answer to a message; null or blank means "no answer". */
    @FunctionalInterface
    public interface Responder {
        /**
         * Produces the answer.
         *
         * @param message the person's message
         * @param context the event's context
         * @return the answer, or null or blank for none
         * @throws Exception fails the turn
         */
        String respond(MessageEvent message, EventContext context) throws Exception;
    }

    /** Receives every finished turn. Exceptions it throws are logged and do not fail the event. */
    @FunctionalInterface
    public interface ExchangeListener {
        /**
         * Called with every finished turn.
         *
         * @param exchange the finished turn
         */
        void onExchange(MessageExchange exchange);
    }

    private final Responder responder;
    private final ExchangeListener listener;
    private final boolean typingIndicator;
    private final boolean markSeen;
    private final Clock clock;

    private ReplyPipeline(Builder b) {
        this.responder = Objects.requireNonNull(b.responder, "responder");
        this.listener = b.listener == null ? exchange -> { } : b.listener;
        this.typingIndicator = b.typingIndicator;
        this.markSeen = b.markSeen;
        this.clock = b.clock;
    }

    /**
     * Starts a configuration; {@link Builder#responder(Responder)} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void handle(MessageEvent message, EventContext context) throws Exception {
        if (typingIndicator) {
            bestEffort("typing_on", context::typingOn);
        }
        String answer;
        try {
            answer = responder.respond(message, context);
        } catch (Exception | Error e) {
            if (typingIndicator) {
                bestEffort("typing_off", context::typingOff);
            }
            report(message, context, null, null, MessageExchange.Status.FAILED, e);
            throw e;
        }
        if (typingIndicator) {
            bestEffort("typing_off", context::typingOff);
        }
        if (answer == null || answer.isBlank()) {
            if (markSeen) {
                bestEffort("mark_seen", context::markSeen);
            }
            report(message, context, null, null, MessageExchange.Status.NO_REPLY, null);
            return;
        }
        SendResult result;
        try {
            result = context.reply(answer);
        } catch (RuntimeException e) {
            report(message, context, answer, null, MessageExchange.Status.FAILED, e);
            throw e;
        }
        if (markSeen) {
            bestEffort("mark_seen", context::markSeen);
        }
        report(message, context, answer, result.messageId().orElse(null), MessageExchange.Status.SENT, null);
    }

    private void report(MessageEvent message, EventContext context, String answer, String messageId,
            MessageExchange.Status status, Throwable error) {
        String problem = error == null ? null
                : error.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(error.getMessage()));
        MessageExchange exchange = new MessageExchange(message.pageId(), context.userId(), message.mid(), message.text(),
                answer, messageId, status, problem, MessageExchange.graphErrorCodeOf(error), clock.instant());
        try {
            listener.onExchange(exchange);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "message exchange listener failed: " + e.getClass().getName());
        }
    }

    private static void bestEffort(String action, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> action + " failed: " + e.getClass().getName() + ": "
                    + Redactor.redact(String.valueOf(e.getMessage())));
        }
    }

    /** Configuration of a {@link ReplyPipeline}. */
    public static final class Builder {
        private Responder responder;
        private ExchangeListener listener;
        private boolean typingIndicator = true;
        private boolean markSeen = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * {@return what to answer (required)}
         *
         * @param responder produces the answers
         */
        public Builder responder(Responder responder) {
            this.responder = Objects.requireNonNull(responder, "responder");
            return this;
        }

        /**
         * {@return who hears about every turn, e.g. a message log}
         *
         * @param listener receives every turn
         */
        public Builder onExchange(ExchangeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Show typing while the responder works (default on).
         *
         * @param enabled false to skip {@code typing_on} and {@code typing_off}
         * @return this builder
         */
        public Builder typingIndicator(boolean enabled) {
            this.typingIndicator = enabled;
            return this;
        }

        /**
         * Mark the person's message seen after answering (default on).
         *
         * @param enabled false to skip {@code mark_seen}
         * @return this builder
         */
        public Builder markSeen(boolean enabled) {
            this.markSeen = enabled;
            return this;
        }

        /**
         * {@return the clock stamping {@link MessageExchange#at()}}
         *
         * @param clock the time source
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return the pipeline
         */
        public ReplyPipeline build() {
            return new ReplyPipeline(this);
        }
    }
}
