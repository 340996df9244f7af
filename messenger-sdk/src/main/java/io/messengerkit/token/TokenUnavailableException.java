package io.messengerkit.token;

import io.messengerkit.MessengerException;
import java.util.Objects;

/**
 * No usable token is stored for a key, so no call was attempted: it is missing, expired or needs
 * the user to reconnect. {@link #reason()} tells which; an application usually answers with a
 * "reconnect your Facebook account" prompt.
 */
public class TokenUnavailableException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Why the token cannot be used. */
    public enum Reason {
        /** Nothing is stored under the key. */
        MISSING,
        /** The token's expiry time has passed. */
        EXPIRED,
        /** Meta rejected the token; a new login is needed. */
        RECONNECT_NEEDED
    }

    /** The key that has no usable token. */
    private final TokenKey key;
    /** Why the token cannot be used. */
    private final Reason reason;

    /**
     * No usable token under {@code key}, for {@code reason}.
     *
     * @param key the key that has no usable token
     * @param reason why
     */
    public TokenUnavailableException(TokenKey key, Reason reason) {
        super(message(Objects.requireNonNull(key, "key"), Objects.requireNonNull(reason, "reason")));
        this.key = key;
        this.reason = reason;
    }

    /**
     * The key whose token is unavailable.
     *
     * @return the key that has no usable token
     */
    public TokenKey key() {
        return key;
    }

    /**
     * Why it is unavailable.
     *
     * @return why the token cannot be used
     */
    public Reason reason() {
        return reason;
    }

    private static String message(TokenKey key, Reason reason) {
        String what = (key.kind() == TokenKind.PAGE ? "page " : "user ") + key.ownerId() + " of tenant " + key.tenant();
        return switch (reason) {
            case MISSING -> "no token is stored for " + what;
            case EXPIRED -> "the token of " + what + " has expired: the user must log in again";
            case RECONNECT_NEEDED -> "the token of " + what + " was rejected by Meta: reconnect needed";
        };
    }
}
