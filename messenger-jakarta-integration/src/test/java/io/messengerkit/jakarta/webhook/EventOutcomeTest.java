package io.messengerkit.jakarta.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.messengerkit.graph.GraphConnectionException;
import io.messengerkit.graph.GraphError;
import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.GraphUsage;
import io.messengerkit.graph.InvalidRequestException;
import io.messengerkit.graph.OutsideMessagingWindowException;
import io.messengerkit.graph.PermissionMissingException;
import io.messengerkit.graph.PolicyBlockedException;
import io.messengerkit.graph.RateLimitedException;
import io.messengerkit.graph.RecipientUnavailableException;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.graph.TransientGraphException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EventOutcomeTest {

    static GraphError error(int status, int code, int subcode) {
        return new GraphError(status, code, subcode, "OAuthException", "m", "trace", false, null, null);
    }

    static void assertOutcome(EventOutcome.Kind kind, String reason, Throwable failure) {
        EventOutcome outcome = EventOutcome.of(new CompletionException(failure));
        assertEquals(kind, outcome.kind(), failure.toString());
        assertEquals(reason, outcome.reason(), failure.toString());
    }

    @Test
    void refusalsThatRetryingCannotCureAreSetAsideAtOnceWithTheirReason() {
        assertOutcome(EventOutcome.Kind.PERMANENT, "OUTSIDE_WINDOW",
                new OutsideMessagingWindowException(error(400, 10, 2018278), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "RECIPIENT_UNAVAILABLE",
                new RecipientUnavailableException(error(400, 551, 1545041), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "POLICY_BLOCKED",
                new PolicyBlockedException(error(400, 368, 0), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "PERMISSION_MISSING",
                new PermissionMissingException(error(403, 200, 0), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "TOKEN_INVALID",
                new TokenInvalidException(error(401, 190, 460), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "INVALID_REQUEST",
                new InvalidRequestException(error(400, 100, 0), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.PERMANENT, "PAGE_NOT_LINKED", new EventOutcome.PageNotLinkedException("123"));
        assertOutcome(EventOutcome.Kind.PERMANENT, "WINDOW_CLOSED", new java.util.concurrent.CompletionException(
                new io.messengerkit.send.MessagingWindowClosedException(
                        io.messengerkit.send.MessagingWindowClosedException.Reason.WINDOW_CLOSED, null, "outside the window")));
        assertOutcome(EventOutcome.Kind.PERMANENT, "INVALID_MESSAGE",
                new io.messengerkit.send.InvalidMessageException("text is 2001 characters; the limit is 2000"));
        assertOutcome(EventOutcome.Kind.PERMANENT, "INVALID_MESSAGE", new java.util.concurrent.CompletionException(
                new io.messengerkit.send.UnsupportedOnInstagramException("text over 1000 bytes", "text over 1000 bytes")));
        assertEquals(551, EventOutcome.of(new RecipientUnavailableException(error(400, 551, 1545041), GraphUsage.NONE))
                .graphErrorCode());
    }

    @Test
    void aSendThatMayHaveReachedMetaIsAnUnknownOutcome() {
        assertOutcome(EventOutcome.Kind.UNKNOWN, "OUTCOME_UNKNOWN",
                new GraphConnectionException(error(0, 0, 0), true, new java.net.http.HttpTimeoutException("t")));
        assertOutcome(EventOutcome.Kind.UNKNOWN, "OUTCOME_UNKNOWN",
                new GraphException(error(500, 1, 1357046), GraphUsage.NONE));
    }

    @Test
    void temporaryFailuresAreRetriedAndARateLimitCarriesMetasWait() {
        assertOutcome(EventOutcome.Kind.TRANSIENT, "NOT_CONNECTED",
                new GraphConnectionException(error(0, 0, 0), false, new java.net.ConnectException("refused")));
        assertOutcome(EventOutcome.Kind.TRANSIENT, "TRANSIENT",
                new TransientGraphException(error(500, 2, 0), GraphUsage.NONE));
        assertOutcome(EventOutcome.Kind.TRANSIENT, "HANDLER_FAILED", new IllegalStateException("brain offline"));
        EventOutcome limited = EventOutcome.of(new RateLimitedException(error(400, 613, 0), GraphUsage.NONE,
                Duration.ofSeconds(30)));
        assertEquals(EventOutcome.Kind.TRANSIENT, limited.kind());
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());
    }
}
