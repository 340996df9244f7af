package io.messengerkit.jakarta.persistence;

/** State of a linked account or page, as the admin API shows it. */
public enum LinkStatus {
    /** Linked and working. */
    ACTIVE,
    /** The Facebook authorisation stopped working (password change, revoked permission, expiry): link again. */
    RECONNECT_NEEDED,
    /** The user no longer has a role on this page (found by a refresh). */
    LOST_ACCESS,
    /** Meta dropped the app's subscription and re-subscribing failed. */
    UNSUBSCRIBED
}
