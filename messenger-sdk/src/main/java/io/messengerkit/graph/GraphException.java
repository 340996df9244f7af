package io.messengerkit.graph;

import io.messengerkit.MessengerException;
import java.util.Objects;
import java.util.Optional;

/**
 * A Graph API call failed. Subclasses name the failure class, decided from Graph's error
 * {@code code} and {@code error_subcode} only (never from message text):
 *
 * <ul>
 *   <li>{@link TransientGraphException}: Meta had a temporary problem; retried automatically.</li>
 *   <li>{@link RateLimitedException}: a rate limit was hit; wait {@link RateLimitedException#retryAfter()}.</li>
 *   <li>{@link TokenInvalidException}: the token is dead; the user must reconnect.</li>
 *   <li>{@link PermissionMissingException}: a permission or app setting is missing.</li>
 *   <li>{@link RecipientUnavailableException}: this person cannot be messaged now.</li>
 *   <li>{@link OutsideMessagingWindowException}: the messaging window is closed.</li>
 *   <li>{@link ThreadControlledElsewhereException}: another app controls the conversation.</li>
 *   <li>{@link PolicyBlockedException}: Meta blocked the page or app for policy reasons.</li>
 *   <li>{@link InvalidRequestException}: a parameter was rejected (code 100).</li>
 *   <li>{@link GraphConnectionException}: no response (connection refused, reset, timed out).</li>
 *   <li>{@link UnexpectedResponseException}: a response Graph would not send (HTML, bad JSON).</li>
 * </ul>
 * Anything else is a plain {@code GraphException}. Every instance carries the HTTP status, code,
 * subcode, type, message and {@code fbtrace_id}; the message never contains tokens or secrets.
 */
public class GraphException extends MessengerException {
    private static final long serialVersionUID = 1L;

    /** Graph's error, as parsed. */
    private final GraphError error;
    private final transient GraphUsage usage;

    /**
     * A Graph API failure.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public GraphException(GraphError error, GraphUsage usage) {
        this(error, usage, null);
    }

    /**
     * A Graph API failure with an underlying cause.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     * @param cause the underlying failure
     */
    public GraphException(GraphError error, GraphUsage usage, Throwable cause) {
        super(describe(Objects.requireNonNull(error, "error")), cause);
        this.error = error;
        this.usage = usage == null ? GraphUsage.NONE : usage;
    }

    private static String describe(GraphError e) {
        StringBuilder s = new StringBuilder();
        if (e.fromGraph()) {
            s.append("Graph error ").append(e.code());
            if (e.subcode() != 0) {
                s.append('/').append(e.subcode());
            }
            if (e.type() != null) {
                s.append(" (").append(e.type()).append(')');
            }
        } else {
            s.append(e.type() == null ? "Graph call failed" : e.type());
        }
        if (e.httpStatus() != 0) {
            s.append(", HTTP ").append(e.httpStatus());
        }
        if (e.message() != null && !e.message().isEmpty()) {
            s.append(": ").append(e.message());
        }
        if (e.fbtraceId() != null) {
            s.append(" [fbtrace_id=").append(e.fbtraceId()).append(']');
        }
        return s.toString();
    }

    /**
     * Everything Graph said about the failure.
     *
     * @return the parsed error
     */
    public GraphError error() {
        return error;
    }

    /**
     * HTTP status, {@code 0} when no response arrived.
     *
     * @return the HTTP status, or 0 when there was no response
     */
    public int httpStatus() {
        return error.httpStatus();
    }

    /** {@return Graph's error code, {@code 0} when the response was not Graph's error JSON} */
    public int code() {
        return error.code();
    }

    /** {@return Graph's error subcode, {@code 0} when absent} */
    public int subcode() {
        return error.subcode();
    }

    /** {@return Graph's error type, e.g. {@code OAuthException}} */
    public String type() {
        return error.type();
    }

    /** {@return Graph's {@code fbtrace_id}, for Meta support} */
    public Optional<String> fbtraceId() {
        return Optional.ofNullable(error.fbtraceId());
    }

    /** {@return the usage headers of the failed response ({@link GraphUsage#NONE} when there were none)} */
    public GraphUsage usage() {
        return usage;
    }

    /** {@return true when trying the same call again later can succeed without anyone changing anything} */
    public boolean isRetryable() {
        return false;
    }
}
