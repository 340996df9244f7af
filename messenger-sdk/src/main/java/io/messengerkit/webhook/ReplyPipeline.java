package io.messengerkit.webhook;

import io.messengerkit.Redactor;
import io.messengerkit.send.MediaAttachment;
import io.messengerkit.send.Message;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.TemplateAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>A {@link MessagesResponder} answers with several messages (text, quick replies, attachments,
 * templates); they are sent in order, with the typing indicator shown again before each one after
 * the first. If a later message fails, the turn fails and is retried, so the earlier ones may be
 * sent twice.
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
    /** Produces the answer as messages, sent in order; an empty list (or null) means "no answer". */
    @FunctionalInterface
    public interface MessagesResponder {
        /**
         * Produces the messages.
         *
         * @param message the person's message
         * @param context the event's context
         * @return the messages to send in order, or an empty list or null for none
         * @throws Exception fails the turn
         */
        List<Message> respond(MessageEvent message, EventContext context) throws Exception;
    }

    @FunctionalInterface
    public interface ExchangeListener {
        /**
         * Called with every finished turn.
         *
         * @param exchange the finished turn
         */
        void onExchange(MessageExchange exchange);
    }

    private final MessagesResponder responder;
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
        List<Message> answer;
        try {
            List<Message> produced = responder.respond(message, context);
            answer = produced == null ? List.of() : List.copyOf(produced);
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
        if (answer.isEmpty()) {
            if (markSeen) {
                bestEffort("mark_seen", context::markSeen);
            }
            report(message, context, null, null, MessageExchange.Status.NO_REPLY, null);
            return;
        }
        String summary = summary(answer);
        SendResult result = null;
        for (int i = 0; i < answer.size(); i++) {
            if (i > 0 && typingIndicator) {
                bestEffort("typing_on", context::typingOn);
            }
            try {
                result = context.send(answer.get(i));
            } catch (RuntimeException e) {
                report(message, context, summary, null, MessageExchange.Status.FAILED, e);
                throw e;
            }
        }
        if (markSeen) {
            bestEffort("mark_seen", context::markSeen);
        }
        report(message, context, summary, result.messageId().orElse(null), MessageExchange.Status.SENT, null);
    }

    /**
     * A readable account of the messages for logs: their texts, and {@code [image]} or
     * {@code [template:button]} for the others, one per line.
     *
     * @param messages the messages
     * @return the summary
     */
    public static String summary(List<Message> messages) {
        List<String> parts = new ArrayList<>();
        for (Message m : messages) {
            if (m.text() != null) {
                parts.add(m.text());
            } else if (m.attachment() instanceof MediaAttachment a) {
                parts.add("[" + a.type().name().toLowerCase(Locale.ROOT) + "]");
            } else if (m.attachment() instanceof TemplateAttachment t) {
                parts.add("[template:" + t.template().templateType() + "]");
            }
        }
        return String.join("\n", parts);
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
        private MessagesResponder responder;
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
            Objects.requireNonNull(responder, "responder");
            this.responder = (message, context) -> {
                String text = responder.respond(message, context);
                return text == null || text.isBlank() ? List.of() : List.of(Message.text(text));
            };
            return this;
        }

        /**
         * {@return this builder} The responder answers with messages sent in order; it replaces any
         * text {@link #responder(Responder)}.
         *
         * @param messagesResponder produces the messages
         */
        public Builder messagesResponder(MessagesResponder messagesResponder) {
            this.responder = Objects.requireNonNull(messagesResponder, "messagesResponder");
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
