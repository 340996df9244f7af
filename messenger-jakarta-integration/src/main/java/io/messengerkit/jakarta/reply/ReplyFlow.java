package io.messengerkit.jakarta.reply;

import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.ReplyPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;

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
        Objects.requireNonNull(responder, "responder");
        // When each message was sent (the event's timestamp), from the responder call to the turn's log entry.
        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        return ReplyPipeline.builder()
                .clock(clock)
                .messagesResponder((message, context) -> {
                    Optional<LinkedPage> page = links.activePage(message.pageId());
                    if (page.isEmpty()) {
                        return List.of();
                    }
                    if (message.mid() != null && message.timestamp() > 0) {
                        sentAt.put(message.mid(), Instant.ofEpochMilli(message.timestamp()));
                    }
                    String psid = context.userId();
                    ChatbotAnswer answer = responder.answer(new ChatbotQuery(page.get().chatbotId(), message.pageId(),
                            psid, ChatbotQuery.sessionIdOf(psid), message.text(), message.quickReplyPayload(),
                            message.mid()));
                    return answer == null ? List.of() : answer.messages();
                })
                .onExchange(exchange -> {
                    Instant received = exchange.inboundMid() == null ? null : sentAt.remove(exchange.inboundMid());
                    links.activePage(exchange.pageId())
                            .ifPresent(page -> log.append(entry(page.chatbotId(), exchange, received)));
                })
                .build();
    }

    static MessageLog.Entry entry(String chatbotId, MessageExchange exchange, Instant receivedAt) {
        MessageLog.Status status = switch (exchange.status()) {
            case SENT -> MessageLog.Status.REPLIED;
            case NO_REPLY -> MessageLog.Status.NO_REPLY;
            case FAILED -> MessageLog.Status.FAILED;
        };
        return new MessageLog.Entry(chatbotId, exchange.pageId(), ChatbotQuery.sessionIdOf(exchange.userId()),
                exchange.inboundMid(), exchange.inboundText(), exchange.outboundText(), exchange.outboundMessageId(),
                status, exchange.graphErrorCode(), exchange.error(), receivedAt != null ? receivedAt : exchange.at(),
                exchange.status() == MessageExchange.Status.SENT ? exchange.at() : null);
    }
}
