package io.messengerkit.graph;

import java.util.Optional;

/**
 * What the User Profile API tells a page about a person who messaged it.
 *
 * @param psid the page-scoped id
 * @param firstName first name, when available
 * @param lastName last name, when available
 * @param profilePic URL of the profile picture (it expires), when available
 */
public record UserProfile(String psid, Optional<String> firstName, Optional<String> lastName,
        Optional<String> profilePic) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param psid the page-scoped id
     * @param firstName first name, when available
     * @param lastName last name, when available
     * @param profilePic URL of the profile picture (it expires), when available
     */
    public UserProfile {
        firstName = firstName == null ? Optional.empty() : firstName;
        lastName = lastName == null ? Optional.empty() : lastName;
        profilePic = profilePic == null ? Optional.empty() : profilePic;
    }
}
