package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.Redactor;
import io.messengerkit.transport.TransportResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Turns an error response into the matching {@link GraphException}. Decisions use the HTTP status,
 * Graph's {@code code}, {@code error_subcode} and {@code is_transient} only: message texts are
 * localized and change without notice.
 */
final class ErrorClassifier {
    private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 341, 613);
    private static final Set<Integer> OUTSIDE_WINDOW_SUBCODES = Set.of(2018278, 2018065, 2534022); // 2534022: Instagram
    /** 1/1357046: Meta may have delivered the message anyway, so it is neither transient nor retried. */
    static final int SUBCODE_DELIVERY_UNKNOWN = 1357046;

    private ErrorClassifier() {
    }

    /**
     * {@return the exception for a non-2xx response}
     *
     * @param response the non-2xx response
     * @param usage its usage headers
     */
    static GraphException classify(TransportResponse response, GraphUsage usage) {
        return classify(response, usage, java.util.function.UnaryOperator.identity());
    }

    /**
     * The exception for a non-2xx response, with {@code scrub} applied to Graph's texts after the
     * standard redaction (Graph echoes a malformed token in its message, without a parameter name).
     *
     * @param response the non-2xx response
     * @param usage its usage headers
     * @param scrub removes call-specific secrets from Graph's texts
     * @return the exception
     */
    static GraphException classify(TransportResponse response, GraphUsage usage,
            java.util.function.UnaryOperator<String> scrub) {
        JsonNode error = errorNode(response.body());
        if (error == null) {
            return nonGraphBody(response, usage);
        }
        int code = (int) Json.number(error, "code", 0);
        GraphError e = new GraphError(
                response.status(),
                code,
                (int) Json.number(error, "error_subcode", 0),
                Json.text(error, "type"),
                clean(Json.text(error, "message"), scrub),
                Json.text(error, "fbtrace_id"),
                error.path("is_transient").asBoolean(false),
                clean(Json.text(error, "error_user_title"), scrub),
                clean(Json.text(error, "error_user_msg"), scrub));
        if (code == 0) {
            return nonGraphBody(response, usage);
        }
        return classify(e, usage);
    }

    /**
     * {@return the exception for a parsed Graph error}
     *
     * @param e the parsed error
     * @param usage the usage headers of the response
     */
    static GraphException classify(GraphError e, GraphUsage usage) {
        int code = e.code();
        int sub = e.subcode();
        if (code == 190 || code == 102) {
            return new TokenInvalidException(e, usage);
        }
        if (RATE_LIMIT_CODES.contains(code) || (code >= 80001 && code <= 80009) || (code == 9 && sub == 2018352)) {
            if (code == 4 && sub == 2018354) {
                // Marketing-message minimum delay: this send must not be retried soon.
                return new GraphException(e, usage);
            }
            return new RateLimitedException(e, usage, usage.advisedWait().orElse(null));
        }
        if (sub == 2018300 || sub == 2534037) {
            return new ThreadControlledElsewhereException(e, usage);
        }
        if ((code == 10 || code == 100) && OUTSIDE_WINDOW_SUBCODES.contains(sub)) {
            return new OutsideMessagingWindowException(e, usage);
        }
        if (code == 551 || (code == 100 && sub == 2018001) || (code == 10 && sub == 2018108)
                || (code == 200 && sub == 1545041)) {
            return new RecipientUnavailableException(e, usage);
        }
        if (code == 368 || (code == 10 && sub == 1893063)) {
            return new PolicyBlockedException(e, usage);
        }
        if (code == 3 || code == 10 || (code >= 200 && code <= 299) || (code == 1 && sub == 99)) {
            return new PermissionMissingException(e, usage);
        }
        if (code == 1 && sub == SUBCODE_DELIVERY_UNKNOWN) {
            return new GraphException(e, usage);
        }
        if (code == 2 && sub == 2018344) {
            return new PermissionMissingException(e, usage);
        }
        if (code == 1 || code == 2 || code == 1200 || e.transientHint()) {
            return new TransientGraphException(e, usage);
        }
        if (code == 100) {
            return new InvalidRequestException(e, usage);
        }
        if (e.httpStatus() == 429) {
            return new RateLimitedException(e, usage, usage.advisedWait().orElse(null));
        }
        if (e.httpStatus() >= 500) {
            return new TransientGraphException(e, usage);
        }
        return new GraphException(e, usage);
    }

    private static String clean(String text, java.util.function.UnaryOperator<String> scrub) {
        return text == null ? null : scrub.apply(Redactor.redact(text));
    }

    private static GraphException nonGraphBody(TransportResponse response, GraphUsage usage) {
        int status = response.status();
        String contentType = response.header("content-type").orElse("no content type");
        String what = response.body().length == 0
                ? "empty body"
                : "non-JSON body (" + contentType + ", " + response.body().length + " bytes)";
        if (status == 429) {
            GraphError e = new GraphError(status, 0, 0, "HTTP 429 with " + what, null, null, false, null, null);
            return new RateLimitedException(e, usage, usage.advisedWait().orElse(null));
        }
        if (status >= 500) {
            GraphError e = new GraphError(status, 0, 0, "HTTP " + status + " with " + what
                    + " (not from Graph; a proxy or load balancer answered)", null, null, false, null, null);
            return new TransientGraphException(e, usage);
        }
        GraphError e = new GraphError(status, 0, 0, "Unexpected HTTP " + status + " with " + what,
                null, null, false, null, null);
        return new UnexpectedResponseException(e, usage);
    }

    private static JsonNode errorNode(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode root = Json.parse(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The back-off a rate-limited response advises, when it says. */
    static Duration advisedWait(GraphException e) {
        return e instanceof RateLimitedException r ? r.retryAfter().orElse(null) : null;
    }
}
