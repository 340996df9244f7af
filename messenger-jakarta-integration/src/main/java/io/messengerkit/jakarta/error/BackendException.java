package io.messengerkit.jakarta.error;

import io.messengerkit.MessengerException;

/**
 * Root of the failures the backend's operations (linking, Login callbacks, webhook intake, the
 * management use cases) report to their caller. The set of kinds is closed, so whoever presents
 * them (the REST layer's problem mapper, a host's own UI) can answer each one deliberately.
 *
 * <p>Messages describe the failure for people and never hold a token or a secret.
 */
public abstract sealed class BackendException extends MessengerException
        permits InvalidInputException, NotAuthenticatedException, AccessDeniedException, RequestNotVerifiedException,
        NotFoundException, ConflictException, ReconnectNeededException, PayloadTooLargeException {
    private static final long serialVersionUID = 1L;

    BackendException(String message) {
        super(message);
    }

    BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
