package io.messengerkit.token;

/** Which kind of token a {@link TokenKey} names. */
public enum TokenKind {
    /** The long-lived user token of a linked Facebook account; the owner id is the Facebook user id. */
    USER,
    /** The token of a linked Page; the owner id is the Page id. */
    PAGE
}
