package io.messengerkit.jakarta.webhook;

import io.messengerkit.MessengerException;
import io.messengerkit.Redactor;
import io.messengerkit.graph.GraphConnectionException;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.InvalidRequestException;
import io.messengerkit.send.InvalidMessageException;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.PermissionMissingException;
import io.messengerkit.graph.PolicyBlockedException;
import io.messengerkit.graph.RateLimitedException;
import io.messengerkit.graph.RecipientUnavailableException;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.send.MessagingWindowClosedException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed attempt at an event means for the next one.
 *
 * <ul>
 *   <li>{@link Kind#TRANSIENT}: 5xx, Graph codes 1, 2 and 1200, rate limits, no connection before the
 *       request was sent, a handler that threw something else: retried with backoff.</li>
 *   <li>{@link Kind#PERMANENT}: outside the messaging window (10/2018278), recipient unavailable (551),
 *       blocked by policy (368), a missing permission (10, 200-299), a rejected parameter (100), the
 *       token rejected (190), a page no chatbot has linked, a reply the messaging window policy refused
 *       before sending ({@code WINDOW_CLOSED}), an answer that breaks a Send API or Instagram limit
 *       ({@code INVALID_MESSAGE}, found before any call): set aside at once, with the reason.</li>
 *   <li>{@link Kind#UNKNOWN}: the request may have reached Meta (a timeout or reset after sending,
 *       Graph's 1/1357046): never sent again automatically; set aside as {@code OUTCOME_UNKNOWN}.</li>
 * </ul>
 *
 * @param kind what to do
 * @param reason the reason code stored with the event
 * @param error the failure, without secrets
 * @param graphErrorCode Graph's error code, or null
 * @param retryAfter how long Meta asked to wait (rate limits), or null
 */
public record EventOutcome(Kind kind, String reason, String error, Integer graphErrorCode, Duration retryAfter) {
    /** The three kinds of failure. */
    public enum Kind {
        /** Try again later. */
        TRANSIENT,
        /** Trying again cannot help. */
        PERMANENT,
        /** Meta may have acted on it: an operator decides. */
        UNKNOWN
    }

    /** Thrown for events of a page no chatbot has linked; permanent. */
    public static final class PageNotLinkedException extends MessengerException {
        private static final long serialVersionUID = 1L;

        /**
         * For the given page.
         *
         * @param pageId the page
         */
        public PageNotLinkedException(String pageId) {
            super("page " + pageId + " is not linked to any chatbot");
        }
    }

    /** Graph's subcode for "the message may have been delivered anyway". */
    static final int SUBCODE_DELIVERY_UNKNOWN = 1357046;

    /**
     * {@return the outcome of a failure}
     *
     * @param failure what the handler (or the Graph client) threw
     */
    public static EventOutcome of(Throwable failure) {
        Throwable cause = unwrap(failure);
        String error = cause.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(cause.getMessage()));
        GraphException graph = null;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof GraphException g) {
                graph = g;
                break;
            }
            if (t instanceof PageNotLinkedException) {
                return new EventOutcome(Kind.PERMANENT, "PAGE_NOT_LINKED", error, null, null);
            }
            if (t instanceof MessagingWindowClosedException) {
                // Refused by the messaging window policy before any Graph call: later attempts would be later still.
                return new EventOutcome(Kind.PERMANENT, "WINDOW_CLOSED", error, null, null);
            }
            if (t instanceof InvalidMessageException) {
                // The answer breaks a Send API or Instagram limit, found before any call: asking the chatbot again
                // would mostly give the same answer, and a later one would answer a stale message.
                return new EventOutcome(Kind.PERMANENT, "INVALID_MESSAGE", error, null, null);
            }
        }
        if (graph == null) {
            return new EventOutcome(Kind.TRANSIENT, "HANDLER_FAILED", error, null, null);
        }
        Integer code = graph.code() == 0 ? null : graph.code();
        if (graph instanceof GraphConnectionException connection) {
            return connection.requestMayHaveBeenSent()
                    ? new EventOutcome(Kind.UNKNOWN, "OUTCOME_UNKNOWN", error, code, null)
                    : new EventOutcome(Kind.TRANSIENT, "NOT_CONNECTED", error, code, null);
        }
        if (graph.code() == 1 && graph.subcode() == SUBCODE_DELIVERY_UNKNOWN) {
            return new EventOutcome(Kind.UNKNOWN, "OUTCOME_UNKNOWN", error, code, null);
        }
        String permanent = graph instanceof OutsideMessagingWindowException ? "OUTSIDE_WINDOW"
                : graph instanceof RecipientUnavailableException ? "RECIPIENT_UNAVAILABLE"
                : graph instanceof PolicyBlockedException ? "POLICY_BLOCKED"
                : graph instanceof PermissionMissingException ? "PERMISSION_MISSING"
                : graph instanceof TokenInvalidException ? "TOKEN_INVALID"
                : graph instanceof InvalidRequestException ? "INVALID_REQUEST"
                : null;
        if (permanent != null) {
            return new EventOutcome(Kind.PERMANENT, permanent, error, code, null);
        }
        if (graph instanceof RateLimitedException limited) {
            return new EventOutcome(Kind.TRANSIENT, "RATE_LIMITED", error, code, limited.retryAfter().orElse(null));
        }
        return new EventOutcome(Kind.TRANSIENT, "TRANSIENT", error, code, null);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
