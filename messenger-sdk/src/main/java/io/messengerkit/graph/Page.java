package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Facebook Page the user can act for, with where it was found.
 *
 * @param id the page id
 * @param name the page name
 * @param category the page category, when Meta gave one
 * @param accessToken the page token, when the edge returned one (business edges may not)
 * @param tasks what the user may do on the page ({@code MESSAGING}, {@code MODERATE}...), when known
 * @param sources every listing the page was found in, in the order found
 */
public record Page(String id, String name, Optional<String> category, Optional<AccessToken> accessToken,
        List<String> tasks, List<PageSource> sources) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param id the page id
     * @param name the page name
     * @param category the page category, when Meta gave one
     * @param accessToken the page token, when the edge returned one (business edges may not)
     * @param tasks what the user may do on the page ({@code MESSAGING}, {@code MODERATE}...), when known
     * @param sources every listing the page was found in, in the order found
     */
    public Page {
        Objects.requireNonNull(id, "id");
        category = category == null ? Optional.empty() : category;
        accessToken = accessToken == null ? Optional.empty() : accessToken;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** {@return true when the user's tasks on the page include messaging (or the tasks are unknown)} */
    public boolean canMessage() {
        return tasks.isEmpty() || tasks.contains("MESSAGING") || tasks.contains("MANAGE");
    }
}
