package io.messengerkit.graph;

import java.util.Objects;

/**
 * An Instagram professional account, as connected to a Facebook Page
 * ({@code instagram_business_account}) or as seen through Instagram Login ({@code /me}).
 *
 * @param id the Instagram professional account id: the {@code entry[].id} of its webhooks
 * @param username the account's handle, or null when Meta did not return it
 * @param name the account's display name, or null
 * @param profilePictureUrl {@code profile_picture_url}, or null
 */
public record InstagramAccount(String id, String username, String name, String profilePictureUrl) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id the Instagram professional account id
     * @param username the handle, or null
     * @param name the display name, or null
     * @param profilePictureUrl the picture URL, or null
     */
    public InstagramAccount {
        Objects.requireNonNull(id, "id");
    }
}
