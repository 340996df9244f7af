package io.messengerkit.jakarta.persistence;

/** Where a page came from in the user's Facebook account. */
public enum PageSource {
    /** A page the user has a role on ({@code /me/accounts}). */
    PERSONAL,
    /** A page of one of the user's Business portfolios (owned or client pages). */
    BUSINESS
}
