package io.messengerkit.jakarta.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A page linked to a chatbot, without its token.
 *
 * @param chatbotId the chatbot (tenant)
 * @param pageId the page id
 * @param name the page name
 * @param source personal or business portfolio page
 * @param subscribedFields the webhook fields the page was subscribed to
 * @param active false once unlinked
 * @param status whether the page still works
 * @param statusDetail why it does not, when it does not
 * @param linkedAt when it was (last) linked
 * @param unlinkedAt when it was unlinked, if it was
 * @param checkedAt when the health check last looked at it
 * @param instagram the Instagram professional account connected to the page, as last read
 * @param instagramMessaging whether the link covers the Instagram account's messages: its
 *     {@code "object":"instagram"} deliveries reach the chatbot and are answered with the page's token
 */
public record LinkedPage(
        String chatbotId,
        String pageId,
        String name,
        PageSource source,
        List<String> subscribedFields,
        boolean active,
        LinkStatus status,
        String statusDetail,
        Instant linkedAt,
        Optional<Instant> unlinkedAt,
        Optional<Instant> checkedAt,
        Optional<InstagramAccountInfo> instagram,
        boolean instagramMessaging) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param chatbotId the chatbot (tenant)
     * @param pageId the page id
     * @param name the page name
     * @param source personal or business portfolio page
     * @param subscribedFields the webhook fields the page was subscribed to
     * @param active false once unlinked
     * @param status whether the page still works
     * @param statusDetail why it does not, when it does not
     * @param linkedAt when it was (last) linked
     * @param unlinkedAt when it was unlinked, if it was
     * @param checkedAt when the health check last looked at it
     */
    public LinkedPage {
        subscribedFields = List.copyOf(subscribedFields);
        instagram = instagram == null ? Optional.empty() : instagram;
    }

    /**
     * A page without an Instagram account.
     *
     * @param chatbotId the chatbot (tenant)
     * @param pageId the page id
     * @param name the page name
     * @param source personal or business portfolio page
     * @param subscribedFields the webhook fields the page was subscribed to
     * @param active false once unlinked
     * @param status whether the page still works
     * @param statusDetail why it does not, when it does not
     * @param linkedAt when it was (last) linked
     * @param unlinkedAt when it was unlinked, if it was
     * @param checkedAt when the health check last looked at it
     */
    public LinkedPage(String chatbotId, String pageId, String name, PageSource source, List<String> subscribedFields,
            boolean active, LinkStatus status, String statusDetail, Instant linkedAt, Optional<Instant> unlinkedAt,
            Optional<Instant> checkedAt) {
        this(chatbotId, pageId, name, source, subscribedFields, active, status, statusDetail, linkedAt, unlinkedAt,
                checkedAt, Optional.empty(), false);
    }
}
