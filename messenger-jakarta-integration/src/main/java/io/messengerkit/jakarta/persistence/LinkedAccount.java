package io.messengerkit.jakarta.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Facebook account linked to a chatbot, without its token.
 *
 * @param chatbotId the chatbot (tenant)
 * @param facebookUserId the Facebook user's app-scoped id
 * @param facebookUserName the user's name
 * @param tokenExpiresAt when the long-lived user token expires, if it does
 * @param status whether the account still works
 * @param statusDetail why it does not, when it does not
 * @param availablePages the user's pages when last fetched (never with tokens)
 * @param linkedAt when the account was (last) linked
 * @param checkedAt when the health check last looked at it
 */
public record LinkedAccount(
        String chatbotId,
        String facebookUserId,
        String facebookUserName,
        Optional<Instant> tokenExpiresAt,
        LinkStatus status,
        String statusDetail,
        List<AvailablePage> availablePages,
        Instant linkedAt,
        Optional<Instant> checkedAt) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param chatbotId the chatbot (tenant)
     * @param facebookUserId the Facebook user's app-scoped id
     * @param facebookUserName the user's name
     * @param tokenExpiresAt when the long-lived user token expires, if it does
     * @param status whether the account still works
     * @param statusDetail why it does not, when it does not
     * @param availablePages the user's pages when last fetched (never with tokens)
     * @param linkedAt when the account was (last) linked
     * @param checkedAt when the health check last looked at it
     */
    public LinkedAccount {
        availablePages = List.copyOf(availablePages);
    }

    /**
     * A page the linked user can manage, as last fetched from Facebook.
     *
     * @param id page id
     * @param name page name
     * @param source personal or business portfolio page
     * @param category the page's category, if known
     * @param instagram the Instagram professional account connected to the page, or null
     */
    public record AvailablePage(String id, String name, PageSource source, String category,
            InstagramAccountInfo instagram) {
        /**
         * A page without an Instagram account.
         *
         * @param id page id
         * @param name page name
         * @param source personal or business portfolio page
         * @param category the page's category, if known
         */
        public AvailablePage(String id, String name, PageSource source, String category) {
            this(id, name, source, category, null);
        }
    }
}
