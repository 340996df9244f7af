package io.messengerkit.sample;

import io.messengerkit.jakarta.cdi.JtaTransactions;
import io.messengerkit.jakarta.cdi.MessengerHandlers;
import io.messengerkit.jakarta.reply.ChatbotQuery;
import io.messengerkit.jakarta.reply.ChatbotResponder;
import io.messengerkit.webhook.WebhookDispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * On an application server, the sample's chatbot as the CDI beans the integration module's wiring looks for:
 * a {@link ChatbotResponder} and {@link MessengerHandlers}. Standalone, {@link SampleChatbot#plugInto} does
 * the same without CDI.
 */
public final class SampleChatbotBeans {

    private SampleChatbotBeans() {
    }

    /** The chatbot's answers to typed messages and quick replies. */
    @ApplicationScoped
    public static class Responder implements ChatbotResponder {

        private final ChatbotResponder bot = SampleChatbot.responder();

        @Override
        public String respond(ChatbotQuery query) throws Exception {
            return bot.respond(query);
        }
    }

    /** The postback, reaction and read handlers. */
    @ApplicationScoped
    public static class Handlers implements MessengerHandlers {

        @Inject
        JtaTransactions transactions;

        @Override
        public void register(WebhookDispatcher.Builder dispatcher) {
            SampleChatbot.handlers(transactions, Clock.systemUTC()).accept(dispatcher);
        }
    }
}
