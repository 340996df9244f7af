package io.messengerkit.jakarta;

import io.messengerkit.AccessToken;
import io.messengerkit.Redactor;
import io.messengerkit.graph.GraphClient;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkStatus;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.reply.ReplyFlow;
import io.messengerkit.jakarta.webhook.EventOutcome;
import io.messengerkit.jakarta.webhook.EventSplitter;
import io.messengerkit.jakarta.webhook.InFlightEvents;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.token.TokenKey;
import io.messengerkit.token.TokenService;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.event.WebhookEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the dispatcher and the event worker ask of the backend during a reply turn: the Send API
 * client of an entry id, the message-log row of a finished event, and what a handler's failure means
 * for the page.
 */
final class ReplyTurns {
    private static final System.Logger LOG = System.getLogger(ReplyTurns.class.getName());

    private final ReplyTurnCache pages;
    private final GraphClient graph;
    private final ConversationControl conversations;
    private final MessageLog messageLog;
    private final InFlightEvents inFlight;
    private final LinkRepository links;
    private final TokenService tokens;
    private final Clock clock;

    ReplyTurns(ReplyTurnCache pages, GraphClient graph, ConversationControl conversations, MessageLog messageLog,
            InFlightEvents inFlight, LinkRepository links, TokenService tokens, Clock clock) {
        this.pages = pages;
        this.graph = graph;
        this.conversations = conversations;
        this.messageLog = messageLog;
        this.inFlight = inFlight;
        this.links = links;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * The Send API client for an entry id, bound to the stored token of the linked page: the page's
     * own for Messenger; for the page's connected Instagram account, an Instagram messenger (which
     * refuses what Instagram does not support) with the same page token. Every reply of the pipeline
     * (the chatbot's and the host's handlers') is checked against the messaging window first.
     */
    PageMessenger messengerFor(String entryId) {
        LinkedPage page = pages.activePageFor(entryId)
                .orElseThrow(() -> new EventOutcome.PageNotLinkedException(entryId));
        AccessToken token = pages.pageToken(page);
        PageMessenger messenger = page.pageId().equals(entryId) ? graph.messenger(token)
                : graph.instagramMessenger(token);
        return conversations.guarded(entryId, messenger);
    }

    /** The message-log row of a finished event: its last turn, with the attempts it took. */
    Runnable logRowOf(InFlightEvents.Attempt attempt, boolean done, EventOutcome outcome) {
        MessageExchange exchange = attempt.exchange();
        if (exchange == null) {
            // Set aside before the reply flow reported a turn (an interrupted send, a handler that never returned):
            // the person's message still gets its one row.
            exchange = done ? null : EventSplitter.messageOf(attempt.claim(), clock.instant());
            if (exchange == null) {
                return null;
            }
        }
        Optional<LinkedPage> page = pages.activePageFor(exchange.pageId());
        if (page.isEmpty()) {
            return null;
        }
        Instant wrote = attempt.receivedAt() != null ? attempt.receivedAt()
                : attempt.claim().metaTime() > 0 ? Instant.ofEpochMilli(attempt.claim().metaTime()) : null;
        MessageLog.Entry entry = ReplyFlow.entry(page.get().chatbotId(), exchange, wrote,
                page.get().pageId().equals(exchange.pageId()) ? MessageLog.Platform.MESSENGER : MessageLog.Platform.INSTAGRAM);
        if (!done && entry.status() != MessageLog.Status.REPLIED) {
            entry = new MessageLog.Entry(entry.chatbotId(), entry.pageId(), entry.sessionId(), entry.inboundMid(),
                    entry.inboundText(), entry.outboundText(), entry.messageId(), MessageLog.Status.FAILED,
                    outcome.graphErrorCode() != null ? outcome.graphErrorCode() : entry.errorCode(),
                    outcome.reason() + ": " + outcome.error(), entry.receivedAt(), entry.repliedAt(), entry.platform());
        }
        MessageLog.Entry row = entry;
        int attempts = attempt.claim().attempts();
        return () -> messageLog.replace(row, attempts);
    }

    /** Marks a page "reconnect needed" when Meta rejects its token during a reply; logs everything else. */
    void onHandlerError(WebhookEvent event, Throwable error) {
        inFlight.find(event).ifPresent(attempt -> attempt.failed(error));
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof TokenInvalidException)) {
            cause = cause.getCause();
        }
        if (event != null && cause instanceof TokenInvalidException) {
            links.activePageFor(event.pageId()).ifPresent(page -> {
                tokens.markReconnectNeeded(TokenKey.page(page.chatbotId(), page.pageId()));
                links.setPageStatus(page.chatbotId(), page.pageId(), LinkStatus.RECONNECT_NEEDED,
                        "Meta rejected the page token while replying; log in again.");
            });
        }
        LOG.log(Level.WARNING, "Webhook event of page {0} failed: {1}",
                event == null ? "?" : event.pageId(), Redactor.redact(String.valueOf(error)));
    }
}
