package io.messengerkit.graph;

import java.util.Optional;

/**
 * Who controls a conversation, from {@code GET /me/thread_owner}. Meta names the app only to the
 * owner itself and to the default app.
 *
 * @param appId the owning app's id, when Meta discloses it
 * @param expiration when control lapses, as Meta wrote it, when given
 */
public record ThreadOwner(Optional<String> appId, Optional<String> expiration) {
    /**
     * Creates the record; the components are as described for the record.
     *
     * @param appId the owning app's id, when Meta discloses it
     * @param expiration when control lapses, when given
     */
    public ThreadOwner {
        appId = appId == null ? Optional.empty() : appId;
        expiration = expiration == null ? Optional.empty() : expiration;
    }

    /**
     * {@return true when the given app controls the thread}
     *
     * @param ownAppId an app id
     */
    public boolean isOwnedBy(String ownAppId) {
        return appId.filter(a -> a.equals(ownAppId)).isPresent();
    }
}
