package io.messengerkit.jakarta.link;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.TokenDebugInfo;
import io.messengerkit.jakarta.persistence.PageSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Graph API calls the linking flow, the health check and the Login callbacks make, in the
 * shape they need. {@link SdkGraphPort} implements it on the SDK's {@code GraphClient}; the
 * seam exists so the flow reads in its own terms. Implementations throw the SDK's
 * {@code GraphException}s.
 */
public interface GraphPort {

    /**
     * A long-lived user token.
     *
     * @param token the token
     * @param expiresAt when it expires, if Meta said
     */
    record UserToken(AccessToken token, Optional<Instant> expiresAt) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param token the token
         * @param expiresAt when it expires, if Meta said
         */
        public UserToken {
            Objects.requireNonNull(token, "token");
            expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        }
    }

    /**
     * The Facebook user behind a token.
     *
     * @param id app-scoped user id
     * @param name display name
     */
    record User(String id, String name) {
    }

    /**
     * A page the user can manage.
     *
     * @param id page id
     * @param name page name
     * @param source personal or business portfolio page
     * @param category page category, or null
     * @param token the page token, or null when Meta gave none (no task on the page)
     */
    record Page(String id, String name, PageSource source, String category, AccessToken token) {
    }

    /**
     * An app subscribed to a page's webhooks.
     *
     * @param appId the app id
     * @param fields its subscribed fields
     */
    record SubscribedApp(String appId, List<String> fields) {
    }

    /**
     * Exchanges a short-lived user token (from Facebook Login) for a long-lived one.
     *
     * @param shortLived the short-lived user token from Facebook Login
     * @return the long-lived token
     */
    UserToken exchangeForLongLivedToken(AccessToken shortLived);

    /**
     * {@code /me}.
     *
     * @param userToken a user access token
     * @return the user's id and name
     */
    User me(AccessToken userToken);

    /**
     * {@return every page of the user: personal and Business portfolio pages, each once}
     *
     * @param userToken a user access token
     */
    List<Page> pages(AccessToken userToken);

    /**
     * Subscribes this app to the page's webhooks with these fields.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     * @param fields the webhook fields
     */
    void subscribe(String pageId, AccessToken pageToken, List<String> fields);

    /**
     * {@return the apps subscribed to the page}
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     */
    List<SubscribedApp> subscribedApps(String pageId, AccessToken pageToken);

    /**
     * Unsubscribes this app from the page.
     *
     * @param pageId the Page id
     * @param pageToken the page access token
     */
    void unsubscribe(String pageId, AccessToken pageToken);

    /**
     * {@code debug_token}.
     *
     * @param token the token to inspect
     * @return what Meta says about it
     */
    TokenDebugInfo debugToken(AccessToken token);

    /**
     * Reads the Instagram professional account connected to a Page
     * ({@code GET /{page-id}?fields=instagram_business_account{...}}).
     *
     * @param pageId the Page
     * @param token a user token with {@code instagram_basic} and {@code pages_show_list}, or the Page token
     * @return the account, or empty when the Page has none
     */
    default Optional<io.messengerkit.jakarta.persistence.InstagramAccountInfo> instagramAccount(String pageId,
            AccessToken token) {
        return Optional.empty();
    }
}
