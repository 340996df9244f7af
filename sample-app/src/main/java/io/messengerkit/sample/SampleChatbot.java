package io.messengerkit.sample;

import io.messengerkit.jakarta.MessengerBackend;
import io.messengerkit.jakarta.persistence.JpaTransactions;
import io.messengerkit.jakarta.persistence.LinkRepository;
import io.messengerkit.jakarta.persistence.LinkedPage;
import io.messengerkit.jakarta.persistence.MessageLog;
import io.messengerkit.jakarta.reply.ReplyFlow;
import io.messengerkit.sample.bot.RuleBasedBot;
import io.messengerkit.sample.bot.SampleHandlers;
import io.messengerkit.sample.bot.SampleResponder;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.WebhookDispatcher;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Plugs the sample's chatbot into the integration module's backend, the same way standalone and on a server:
 * typed messages and quick replies go to {@link SampleResponder} through the module's reply flow; postbacks,
 * reactions and reads go to {@link SampleHandlers}, whose turns are written to the same message log.
 *
 * <pre>{@code
 * MessengerBackend backend = SampleChatbot.plugInto(MessengerBackend.builder(config, transactions, vault),
 *         transactions, Clock.systemUTC()).build();
 * }</pre>
 */
public final class SampleChatbot {

    private static final System.Logger LOG = System.getLogger(SampleChatbot.class.getName());

    /** The business the demo bot speaks for. */
    public static final String SHOP = "Corner Café";

    private SampleChatbot() {
    }

    /** Registers the sample's responder and handlers on {@code builder}; returns it. */
    public static MessengerBackend.Builder plugInto(MessengerBackend.Builder builder, JpaTransactions transactions, Clock clock) {
        Objects.requireNonNull(builder, "builder");
        return builder.responder(responder()).handlers(handlers(transactions, clock));
    }

    /** The chatbot's answer to typed messages and quick replies. */
    public static SampleResponder responder() {
        return new SampleResponder(new RuleBasedBot(SHOP));
    }

    /** Registers the postback, reaction and read handlers on a dispatcher; their turns go to the message log. */
    public static Consumer<WebhookDispatcher.Builder> handlers(JpaTransactions transactions, Clock clock) {
        LinkRepository links = new LinkRepository(transactions, clock);
        MessageLog log = new MessageLog(transactions, clock);
        SampleHandlers handlers = new SampleHandlers(new RuleBasedBot(SHOP), exchange -> record(links, log, exchange), clock);
        return dispatcher -> dispatcher
                .onPostback(handlers::onPostback)
                .onReaction(handlers::onReaction)
                .onRead(handlers::onRead);
    }

    /** Postback and reaction turns join the message history beside the reply flow's message turns. */
    private static void record(LinkRepository links, MessageLog log, MessageExchange exchange) {
        try {
            // The entry id is the page, or the Instagram account connected to it.
            LinkedPage page = links.activePageFor(exchange.pageId()).orElse(null);
            if (page == null) {
                return;
            }
            log.append(ReplyFlow.entry(page.chatbotId(), exchange, exchange.at(), page.pageId().equals(exchange.pageId())
                    ? MessageLog.Platform.MESSENGER : MessageLog.Platform.INSTAGRAM));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "could not log a turn of page " + exchange.pageId() + ": " + e.getClass().getSimpleName());
        }
    }
}
