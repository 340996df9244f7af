package io.messengerkit.jakarta.persistence;

import java.util.Objects;

/**
 * The Instagram professional account connected to a Facebook Page, as Graph answered the Page's
 * {@code instagram_business_account}.
 *
 * @param id the Instagram professional account id: the entry id of its webhooks
 * @param username the account's handle, or null
 * @param name the account's display name, or null
 * @param pictureUrl its profile picture URL, or null
 */
public record InstagramAccountInfo(String id, String username, String name, String pictureUrl) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id the Instagram professional account id
     * @param username the handle, or null
     * @param name the display name, or null
     * @param pictureUrl the picture URL, or null
     */
    public InstagramAccountInfo {
        Objects.requireNonNull(id, "id");
    }
}
