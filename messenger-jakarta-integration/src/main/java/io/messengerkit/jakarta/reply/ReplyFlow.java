package io.messengerkit.jakarta.reply;

import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.webhook.InFlightEvents;
import io.messengerkit.send.Message;
import io.messengerkit.webhook.EventHandler;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.ReplyPipeline;
import io.messengerkit.webhook.event.MessageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The seed's reply flow on the SDK's {@link ReplyPipeline}: find the chatbot the page is linked
 * to, ask the host's {@link ChatbotResponder} (with the seed's {@code messenger-<psid>} session
 * id), send its answer (one or several messages, in order, with typing indicators), and write
 * every turn to the message log. Messages to pages no chatbot has linked are
 * neither answered nor logged.
 */
public final class ReplyFlow {
    private ReplyFlow() {
    }

    /**
     * {@return the pipeline to register with {@code WebhookDispatcher.Builder#onMessage}}
     *
     * @param responder your chatbot
     * @param links the linked accounts and pages
     * @param log the message log
     * @param clock the time source
     */
    public static ReplyPipeline pipeline(ChatbotResponder responder, LinkRepository links, MessageLog log, Clock clock) {
        return pipeline(responder, links, log, clock, null);
    }

    /**
     * The pipeline for events run by the event worker: the turn of an event is kept with its attempt
     * (its message-log row is written once, when the event is finished), the id of an accepted reply
     * is recorded at once, a reply an earlier attempt already sent is not sent again, and an attempt
     * that lost its lease or passed its deadline sends nothing.
     *
     * @param responder your chatbot
     * @param links the linked accounts and pages
     * @param log the message log, for turns of events not run by the worker
     * @param clock the time source
     * @param inFlight the attempts this instance runs, or null to log every turn at once
     * @return the pipeline to register with {@code WebhookDispatcher.Builder#onMessage}
     */
    public static ReplyPipeline pipeline(ChatbotResponder responder, LinkRepository links, MessageLog log, Clock clock,
            InFlightEvents inFlight) {
        Objects.requireNonNull(links, "links");
        return pipeline(responder, links::activePageFor, log, clock, inFlight);
    }

    /**
     * As {@link #pipeline(ChatbotResponder, LinkRepository, MessageLog, Clock, InFlightEvents)}, with the
     * active link of an entry id found by {@code pages} (for instance a cache in front of
     * {@link LinkRepository#activePageFor}, as the backend's reply turn uses).
     *
     * @param responder your chatbot
     * @param pages the active link of an entry id (a page or a linked page's Instagram account)
     * @param log the message log, for turns of events not run by the worker
     * @param clock the time source
     * @param inFlight the attempts this instance runs, or null to log every turn at once
     * @return the pipeline to register with {@code WebhookDispatcher.Builder#onMessage}
     */
    public static ReplyPipeline pipeline(ChatbotResponder responder, Function<String, Optional<LinkedPage>> pages,
            MessageLog log, Clock clock, InFlightEvents inFlight) {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(pages, "pages");
        // When each message was sent (the event's timestamp), from the responder call to the turn's log entry.
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        return build(responder, pages, clock, inFlight, sentAt, listener(pages, log, inFlight, sentAt));
    }

    /** Tells whether a conversation is with a human, and why. */
    @FunctionalInterface
    public interface QuietCheck {
        /**
         * {@return why the bot stays quiet in the conversation (stored with the turn), or empty when it may answer}
         *
         * @param pageId the entry id (page or Instagram account)
         * @param psid the person
         */
        Optional<String> quietReason(String pageId, String psid);
    }

    /**
     * The pipeline of {@link #pipeline(ChatbotResponder, LinkRepository, MessageLog, Clock, InFlightEvents)},
     * quiet while a human handles the conversation: a message then is logged as a turn without reply
     * ({@code NO_REPLY}, with the reason from {@code quiet}), and neither the chatbot nor Graph is called
     * (no typing indicator, no mark-seen).
     *
     * @param responder your chatbot
     * @param links the linked accounts and pages
     * @param log the message log, for turns of events not run by the worker
     * @param clock the time source
     * @param inFlight the attempts this instance runs, or null to log every turn at once
     * @param quiet tells whether a conversation is with a human
     * @return the handler to register with {@code WebhookDispatcher.Builder#onMessage}
     */
    public static EventHandler<MessageEvent> handler(ChatbotResponder responder, LinkRepository links, MessageLog log,
            Clock clock, InFlightEvents inFlight, QuietCheck quiet) {
        Objects.requireNonNull(links, "links");
        return handler(responder, links::activePageFor, log, clock, inFlight, quiet);
    }

    /**
     * As {@link #handler(ChatbotResponder, LinkRepository, MessageLog, Clock, InFlightEvents, QuietCheck)},
     * with the active link of an entry id found by {@code pages} (the backend's reply cache).
     *
     * @param responder your chatbot
     * @param pages the active link of an entry id (a page or a linked page's Instagram account)
     * @param log the message log, for turns of events not run by the worker
     * @param clock the time source
     * @param inFlight the attempts this instance runs, or null to log every turn at once
     * @param quiet tells whether a conversation is with a human
     * @return the handler to register with {@code WebhookDispatcher.Builder#onMessage}
     */
    public static EventHandler<MessageEvent> handler(ChatbotResponder responder,
            Function<String, Optional<LinkedPage>> pages, MessageLog log, Clock clock, InFlightEvents inFlight,
            QuietCheck quiet) {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(pages, "pages");
        Objects.requireNonNull(quiet, "quiet");
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        ReplyPipeline.ExchangeListener listener = listener(pages, log, inFlight, sentAt);
        ReplyPipeline pipeline = build(responder, pages, clock, inFlight, sentAt, listener);
        return (message, context) -> {
            if (pages.apply(message.pageId()).isPresent()) {
                Optional<String> why = quiet.quietReason(message.pageId(), context.userId());
                if (why.isPresent()) {
                    if (message.mid() != null && message.timestamp() > 0) {
                        sentAt.put(message.mid(), Instant.ofEpochMilli(message.timestamp()));
                    }
                    listener.onExchange(new MessageExchange(message.pageId(), context.userId(), message.mid(),
                            message.text(), null, null, MessageExchange.Status.NO_REPLY, why.get(), null,
                            clock.instant()));
                    return;
                }
            }
            pipeline.handle(message, context);
        };
    }

    private static ReplyPipeline build(ChatbotResponder responder, Function<String, Optional<LinkedPage>> pages,
            Clock clock,
            InFlightEvents inFlight, Map<String, Instant> sentAt, ReplyPipeline.ExchangeListener listener) {
        return ReplyPipeline.builder()
                .clock(clock)
                .messagesResponder((message, context) -> {
                    // The entry id: a page id, or the id of the Instagram account connected to a linked page.
                    Optional<LinkedPage> page = pages.apply(message.pageId());
                    if (page.isEmpty()) {
                        return List.of();
                    }
                    Optional<InFlightEvents.Attempt> attempt = inFlight == null ? Optional.empty()
                            : inFlight.find(message.pageId(), context.userId());
                    if (attempt.isPresent() && attempt.get().replyAlreadySent()) {
                        // An earlier attempt's reply went out (its lease was lost before it could finish): never twice.
                        return List.of();
                    }
                    if (message.mid() != null && message.timestamp() > 0) {
                        sentAt.put(message.mid(), Instant.ofEpochMilli(message.timestamp()));
                    }
                    String psid = context.userId();
                    boolean instagram = !page.get().pageId().equals(message.pageId());
                    ChatbotAnswer answer = responder.answer(new ChatbotQuery(page.get().chatbotId(), message.pageId(),
                            psid, ChatbotQuery.sessionIdOf(psid, instagram), message.text(),
                            message.quickReplyPayload(), message.mid()));
                    List<Message> messages = answer == null ? List.of() : answer.messages();
                    if (attempt.isPresent()) {
                        if (attempt.get().lost()) {
                            throw new LeaseLostException();
                        }
                        if (!messages.isEmpty()) {
                            attempt.get().sendStarting();
                        }
                    }
                    return messages;
                })
                .onExchange(listener)
                .build();
    }

    private static ReplyPipeline.ExchangeListener listener(Function<String, Optional<LinkedPage>> pages, MessageLog log,
            InFlightEvents inFlight,
            Map<String, Instant> sentAt) {
        return exchange -> {
            Instant received = exchange.inboundMid() == null ? null : sentAt.remove(exchange.inboundMid());
            Optional<InFlightEvents.Attempt> attempt = inFlight == null ? Optional.empty()
                    : inFlight.find(exchange.pageId(), exchange.userId());
            if (attempt.isEmpty()) {
                pages.apply(exchange.pageId())
                        .ifPresent(page -> log.append(entry(page.chatbotId(), exchange, received,
                                page.pageId().equals(exchange.pageId())
                                        ? MessageLog.Platform.MESSENGER : MessageLog.Platform.INSTAGRAM)));
                return;
            }
            InFlightEvents.Attempt a = attempt.get();
            MessageExchange kept = exchange;
            if (exchange.status() == MessageExchange.Status.SENT) {
                a.replySent(exchange.outboundMessageId());
            } else if (a.replyAlreadySent() && exchange.status() == MessageExchange.Status.NO_REPLY) {
                kept = new MessageExchange(exchange.pageId(), exchange.userId(), exchange.inboundMid(),
                        exchange.inboundText(), null, a.sentMessageId(), MessageExchange.Status.SENT, null,
                        null, exchange.at());
            }
            a.exchange(kept, received);
        };
    }

    /** An attempt that lost its lease (or passed its deadline) must not send: another instance has the event. */
    static final class LeaseLostException extends io.messengerkit.MessengerException {
        private static final long serialVersionUID = 1L;

        LeaseLostException() {
            super("the event's lease was lost; another attempt handles it");
        }
    }

    static MessageLog.Entry entry(String chatbotId, MessageExchange exchange, Instant receivedAt) {
        return entry(chatbotId, exchange, receivedAt, MessageLog.Platform.MESSENGER);
    }

    /**
     * {@return the log entry of a turn}
     *
     * @param chatbotId the chatbot
     * @param exchange the turn
     * @param receivedAt when the person sent the message, or null for the exchange's time
     * @param platform Messenger, or Instagram when the entry id is the page's Instagram account
     */
    public static MessageLog.Entry entry(String chatbotId, MessageExchange exchange, Instant receivedAt,
            MessageLog.Platform platform) {
        MessageLog.Status status = switch (exchange.status()) {
            case SENT -> MessageLog.Status.REPLIED;
            case NO_REPLY -> MessageLog.Status.NO_REPLY;
            case FAILED -> MessageLog.Status.FAILED;
        };
        return new MessageLog.Entry(chatbotId, exchange.pageId(),
                ChatbotQuery.sessionIdOf(exchange.userId(), platform == MessageLog.Platform.INSTAGRAM),
                exchange.inboundMid(), exchange.inboundText(), exchange.outboundText(), exchange.outboundMessageId(),
                status, exchange.graphErrorCode(), exchange.error(), receivedAt != null ? receivedAt : exchange.at(),
                exchange.status() == MessageExchange.Status.SENT ? exchange.at() : null, platform);
    }
}
