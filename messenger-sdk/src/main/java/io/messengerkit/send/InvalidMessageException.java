package io.messengerkit.send;

import io.messengerkit.MessengerException;

/**
 * A message breaks one of the Send API's limits (2000-character text, 13 quick replies, 20-character
 * titles...). Thrown when the message is built, before anything is sent; the message names the
 * field and the limit.
 */
public class InvalidMessageException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure described by {@code message}.
     *
     * @param message what went wrong, free of secrets
     */
    public InvalidMessageException(String message) {
        super(message);
    }
}
