package io.messengerkit.sample.bot;

import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.reply.ChatbotResponder;

import java.util.Objects;

/**
 * The sample's answer to typed messages and tapped quick replies, behind the integration module's
 * {@link ChatbotResponder} (the seed's {@code process_chatbot_query}): the module shows typing, sends the
 * answer, marks the message seen and logs the turn around it. Replace this class to plug in your own brain.
 */
public final class SampleResponder implements ChatbotResponder {

    private final RuleBasedBot bot;

    public SampleResponder(RuleBasedBot bot) {
        this.bot = Objects.requireNonNull(bot, "bot");
    }

    @Override
    public String respond(ChatbotQuery query) {
        BotReply reply = query.quickReplyPayload() != null ? bot.onPayload(query.quickReplyPayload()) : bot.onText(query.text());
        return reply.text();
    }
}
