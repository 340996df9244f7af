package io.messengerkit.jakarta.webhook;

import java.util.concurrent.CompletionStage;

/**
 * Processes one verified webhook delivery taken from the inbox. The default one hands the body to
 * the SDK's webhook dispatcher; tests and special hosts can supply their own.
 */
@FunctionalInterface
public interface DeliveryProcessor {

    /**
     * Processes {@code body} (the raw bytes Meta signed). Complete normally when the delivery is
     * done, exceptionally to have it retried later; throw {@link PermanentDeliveryFailure} (or
     * complete with it) when retrying cannot help.
     *
     * @param body the raw bytes Meta signed
     * @return completes when the delivery is done
     */
    CompletionStage<Void> process(byte[] body);

    /** A failure that retrying will not cure, e.g. a body that is not a webhook delivery at all. */
    final class PermanentDeliveryFailure extends io.messengerkit.MessengerException {
        private static final long serialVersionUID = 1L;

        /**
         * A failure described by {@code message}.
         *
         * @param message what went wrong, free of secrets
         */
        public PermanentDeliveryFailure(String message) {
            super(message);
        }
    }
}
