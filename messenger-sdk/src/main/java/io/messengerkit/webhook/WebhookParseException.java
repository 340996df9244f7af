package io.messengerkit.webhook;

import io.messengerkit.MessengerException;

/**
 * A webhook body could not be read as a whole: it is not JSON, is larger than the configured
 * limit, nests deeper than allowed, or is not shaped like {@code {"object":..., "entry":[...]}}.
 *
 * <p>A single broken event inside an otherwise good body is not an exception: it arrives as an
 * {@link io.messengerkit.webhook.event.UnparseableEvent} among its neighbours.
 */
public final class WebhookParseException extends MessengerException {
    private static final long serialVersionUID = 1L;

    WebhookParseException(String message) {
        super(message);
    }

    WebhookParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
