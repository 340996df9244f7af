package io.messengerkit.token;

/** What the SDK last learned about a stored token. */
public enum TokenStatus {
    /** Believed to work: saved recently or confirmed by the health check. */
    VALID,
    /** Its expiry time has passed; the user has to log in again to get a new one. */
    EXPIRED,
    /**
     * Meta rejected it (Graph error 190: password changed, page role lost, permissions revoked,
     * app removed...). Only a new login replaces it.
     */
    RECONNECT_NEEDED;

    /**
     * True when a call may be attempted with a token in this status.
     *
     * @return true for {@link #VALID}
     */
    public boolean usable() {
        return this == VALID;
    }
}
