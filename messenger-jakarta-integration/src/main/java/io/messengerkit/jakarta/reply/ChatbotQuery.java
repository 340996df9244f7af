package io.messengerkit.jakarta.reply;

/**
 * A message a person sent to a page linked to a chatbot: the arguments of the seed's
 * {@code process_chatbot_query(query, chatbot, session_id)}.
 *
 * @param chatbotId the chatbot the page is linked to
 * @param pageId the page
 * @param senderId the person's page-scoped id (PSID)
 * @param sessionId {@code messenger-<psid>}, the seed's conversation id
 * @param text what they wrote (null for attachment-only messages)
 * @param quickReplyPayload the payload of a tapped quick reply, or null
 * @param messageId Meta's id of the message
 */
public record ChatbotQuery(String chatbotId, String pageId, String senderId, String sessionId, String text,
        String quickReplyPayload, String messageId) {

    /**
     * {@return the seed's session id for a PSID}
     *
     * @param psid the person's page-scoped id
     */
    public static String sessionIdOf(String psid) {
        return "messenger-" + psid;
    }
}
