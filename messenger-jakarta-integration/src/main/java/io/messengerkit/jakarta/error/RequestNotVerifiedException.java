package io.messengerkit.jakarta.error;

import java.util.Objects;

/**
 * A request that claims to come from Meta failed its check, so nothing was done or stored.
 */
public final class RequestNotVerifiedException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    public enum Check {
        /** A webhook delivery's {@code X-Hub-Signature-256} is missing or does not match the body. */
        WEBHOOK_SIGNATURE,
        /** The webhook subscription handshake gave the wrong {@code hub.mode} or {@code hub.verify_token}. */
        VERIFY_TOKEN,
        /** A Login callback's {@code signed_request} is missing, malformed or wrongly signed. */
        SIGNED_REQUEST
    }

    /** Which check failed. */
    private final Check check;

    /**
     * A failed check.
     *
     * @param check which check failed
     * @param message why, without echoing anything secret
     */
    public RequestNotVerifiedException(Check check, String message) {
        super(message);
        this.check = Objects.requireNonNull(check, "check");
    }

    /** {@return which check failed} */
    public Check check() {
        return check;
    }
}
