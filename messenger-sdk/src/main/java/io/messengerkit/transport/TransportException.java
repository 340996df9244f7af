package io.messengerkit.transport;

import io.messengerkit.MessengerException;

/**
 * The exchange failed below HTTP: the connection could not be opened, broke, or timed out.
 *
 * <p>{@link #requestMayHaveBeenSent()} tells whether the server could have received the request.
 * The Graph client uses it to decide whether a non-idempotent call (a message send) may be retried:
 * only when this is {@code false} is it certain that Meta did not act on the request.
 */
public class TransportException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Whether the server may have received the request. */
    private final boolean requestMayHaveBeenSent;

    /**
     * An exchange that got no response.
     *
     * @param message what failed, free of secrets
     * @param requestMayHaveBeenSent whether the server may have received the request
     * @param cause the underlying failure
     */
    public TransportException(String message, boolean requestMayHaveBeenSent, Throwable cause) {
        super(message, cause);
        this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    }

    /**
     * False only when the request certainly never reached the server (e.g. connection refused).
     *
     * @return false only when the request certainly never left
     */
    public boolean requestMayHaveBeenSent() {
        return requestMayHaveBeenSent;
    }
}
