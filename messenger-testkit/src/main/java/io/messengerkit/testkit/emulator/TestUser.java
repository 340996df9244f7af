package io.messengerkit.testkit.emulator;

import io.messengerkit.AccessToken;
import java.util.List;
import java.util.Objects;

/** A Facebook user known to the emulator: logs in, holds tokens, administers pages and businesses. */
public final class TestUser {
    private final PlatformEmulator emulator;
    private final String id;

    TestUser(PlatformEmulator emulator, String id) {
        this.emulator = emulator;
        this.id = id;
    }

    /** The app-scoped user id. */
    public String id() {
        return id;
    }

    /** The display name. */
    public String name() {
        return emulator.world.user(id).name;
    }

    /** A new short-lived user token (about 2 hours), as {@code FB.login} returns, with all Messenger permissions. */
    public AccessToken shortLivedToken() {
        return AccessToken.of(emulator.world.issueUserToken(id, false, Tokens.scopes(null)));
    }

    /** A new short-lived user token carrying only the given permissions (plus {@code public_profile}). */
    public AccessToken shortLivedToken(List<String> scopes) {
        return AccessToken.of(emulator.world.issueUserToken(id, false,
                Tokens.scopes(String.join(",", scopes))));
    }

    /** A new long-lived user token (about 60 days), as the exchange returns. */
    public AccessToken longLivedToken() {
        return AccessToken.of(emulator.world.issueUserToken(id, true, Tokens.scopes(null)));
    }

    /**
     * Invalidates every token of this user and the page tokens derived from them, with the given
     * 190 subcode (460: password changed, 458: app removed, 467: logged out...).
     */
    public void invalidateTokens(int subcode) {
        emulator.world.invalidateTokens(id, null, subcode);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TestUser that && id.equals(that.id) && emulator == that.emulator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return "TestUser[" + id + "]";
    }
}
