package io.messengerkit.webhook;

import io.messengerkit.MessengerException;

/**
 * A webhook request failed verification: the POST signature was missing, malformed or wrong, or
 * the GET subscription challenge carried the wrong mode or verify token.
 *
 * <p>Answer such a request with HTTP 403 and dispatch nothing. The message names the failure
 * class only; it never repeats the header, the body, the verify token or the app secret.
 */
public final class WebhookSignatureException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Why a request was rejected. */
    public enum Reason {
        /** No signature header at all. */
        MISSING,
        /** A header that is not {@code sha256=} followed by 64 hex digits (or {@code sha1=} + 40 when enabled). */
        MALFORMED,
        /** A well-formed signature that does not match the body. */
        MISMATCH,
        /** A GET challenge whose {@code hub.mode} is not {@code subscribe}. */
        WRONG_MODE,
        /** A GET challenge whose {@code hub.verify_token} does not match, or no challenge value. */
        WRONG_VERIFY_TOKEN
    }

    /** Why the check failed. */
    private final Reason reason;

    WebhookSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** {@return the failure class, for metrics; every reason maps to HTTP 403} */
    public Reason reason() {
        return reason;
    }
}
