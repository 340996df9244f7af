package io.messengerkit.graph;

import java.util.Optional;

/**
 * The person behind a user token, from {@code GET /me}.
 *
 * @param id the app-scoped user id (not a PSID: it cannot be messaged)
 * @param name display name
 * @param email email address, when granted and present
 */
public record UserInfo(String id, String name, Optional<String> email) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id the app-scoped user id (not a PSID: it cannot be messaged)
     * @param name display name
     * @param email email address, when granted and present
     */
    public UserInfo {
        email = email == null ? Optional.empty() : email;
    }
}
