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
 * For answers with buttons, quick replies or attachments, register your own handlers on the
 * dispatcher instead (see {@code MessengerBackend.Builder#handlers}).
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

    /** {@return a responder that never answers; turns are still logged} */
    static ChatbotResponder silent() {
        return query -> null;
    }
}
