package io.messengerkit.jakarta.reply;

/**
 * A message a person sent to a page linked to a chatbot: the arguments of the seed's
 * {@code process_chatbot_query(query, chatbot, session_id)}.
 *
 * @param chatbotId the chatbot the page is linked to
 * @param pageId the page, or the Instagram account (connected to a linked page) the person wrote to
 * @param senderId the person's page-scoped id (PSID), or Instagram-scoped id (IGSID)
 * @param sessionId {@code messenger-<psid>}, the seed's conversation id ({@code instagram-<igsid>} on Instagram)
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

    /**
     * {@return the session id of a person on Messenger ({@code messenger-<psid>}) or Instagram
     * ({@code instagram-<igsid>})}
     *
     * @param userId the person's PSID or IGSID
     * @param instagram true when the person wrote to an Instagram account
     */
    public static String sessionIdOf(String userId, boolean instagram) {
        return instagram ? "instagram-" + userId : sessionIdOf(userId);
    }
}
