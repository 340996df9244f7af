package io.messengerkit.sample.bot;

import io.messengerkit.send.SendResult;
import io.messengerkit.webhook.EventContext;
import io.messengerkit.webhook.EventHandler;
import io.messengerkit.webhook.MessageExchange;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One handler per event kind the sample answers besides text messages (those go to {@link SampleResponder}
 * through the integration module's reply flow). Each is a few lines: ask the {@link RuleBasedBot}, send what
 * it says through the event's context (rich messages: buttons, quick replies), and report the turn.
 *
 * <pre>{@code
 * SampleHandlers handlers = new SampleHandlers(new RuleBasedBot("Corner Café"), messageLog::save, clock);
 * dispatcher.onPostback(handlers::onPostback).onReaction(handlers::onReaction).onRead(handlers::onRead);
 * }</pre>
 */
public final class SampleHandlers {

    private static final System.Logger LOG = System.getLogger(SampleHandlers.class.getName());

    private final RuleBasedBot bot;
    private final Consumer<MessageExchange> log;
    private final Clock clock;

    /**
     * @param bot   the brain
     * @param log   receives every turn (the message history); must not throw
     * @param clock stamps the turns
     */
    public SampleHandlers(RuleBasedBot bot, Consumer<MessageExchange> log, Clock clock) {
        this.bot = Objects.requireNonNull(bot, "bot");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A tapped postback button (also Get Started and the persistent menu). */
    public void onPostback(PostbackEvent postback, EventContext context) {
        String shown = postback.title() != null ? postback.title() : postback.payload();
        answer(context, postback.mid(), shown, bot.onPayload(postback.payload()));
    }

    /** A reaction to one of the page's messages: thanks for a positive one, silence otherwise. */
    public void onReaction(ReactionEvent reaction, EventContext context) {
        bot.onReaction(reaction.reaction(), reaction.action())
                .ifPresent(reply -> answer(context, null, "reacted " + reaction.reaction(), reply));
    }

    /** The person read the conversation: nothing to say, but worth knowing (e.g. for follow-ups). */
    public void onRead(ReadEvent read, EventContext context) {
        LOG.log(Level.DEBUG, () -> "page " + context.pageId() + ": conversation read up to " + read.watermark());
    }

    private void answer(EventContext context, String inboundMid, String inboundText, BotReply reply) {
        bestEffort(context::typingOn);
        SendResult sent;
        try {
            sent = context.send(reply.toMessage());
        } catch (RuntimeException e) {
            record(context, inboundMid, inboundText, reply, null, MessageExchange.Status.FAILED, e);
            throw e;
        }
        bestEffort(context::markSeen);
        record(context, inboundMid, inboundText, reply, sent.messageId().orElse(null), MessageExchange.Status.SENT, null);
    }

    private void record(EventContext context, String mid, String text, BotReply reply, String sentId,
                        MessageExchange.Status status, RuntimeException failure) {
        log.accept(new MessageExchange(context.pageId(), context.userId(), mid, text, reply.text(), sentId, status,
                failure == null ? null : failure.getClass().getSimpleName(), MessageExchange.graphErrorCodeOf(failure),
                clock.instant()));
    }

    private static void bestEffort(Runnable senderAction) {
        try {
            senderAction.run();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "sender action failed: " + e.getClass().getSimpleName());
        }
    }
}
