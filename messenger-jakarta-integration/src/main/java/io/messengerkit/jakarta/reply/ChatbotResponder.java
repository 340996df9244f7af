package io.messengerkit.jakarta.reply;

/**
 * Your chatbot: given what a person wrote, what should the page answer? The seed's
 * {@code process_chatbot_query}. The backend runs the rest of the seed's reply flow around it
 * (typing indicator, the reply through the Send API, mark-seen, the message log), once per
 * message even when Meta redelivers it.
 *
 * <pre>{@code
 * ChatbotResponder echo = query -> "You said: " + query.text();
 * }</pre>
 *
 * To answer with quick replies, attachments, templates or several messages, implement
 * {@link RichChatbotResponder} (or override {@link #answer(ChatbotQuery)}): the backend sends the
 * messages in order, with a typing indicator before each.
 */
@FunctionalInterface
public interface ChatbotResponder {

    /**
     * The answer to send, or null (or blank) to send none. Throwing fails the turn: it is logged
     * as failed and the delivery is retried later.
     *
     * @param query the chatbot, page, person, session id and text
     * @return the answer
     * @throws Exception fails the turn
     */
    String respond(ChatbotQuery query) throws Exception;

    /**
     * The messages to send; by default the text {@link #respond(ChatbotQuery)} returns, as one
     * message. Override it (or implement {@link RichChatbotResponder}) for richer answers.
     *
     * @param query the chatbot, page, person, session id and text
     * @return the answer, possibly {@link ChatbotAnswer#none()}
     * @throws Exception fails the turn
     */
    default ChatbotAnswer answer(ChatbotQuery query) throws Exception {
        return ChatbotAnswer.text(respond(query));
    }

    /** {@return a responder that never answers; turns are still logged} */
    static ChatbotResponder silent() {
        return query -> null;
    }
}
