package io.messengerkit.transport;

import io.messengerkit.Redactor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the SDK hands it to an {@link HttpTransport}.
 *
 * <p>The URI, headers and body may carry secrets (an {@code Authorization} header, a form body with
 * {@code client_secret}); {@link #toString()} prints only the method and the redacted URI.
 *
 * @param method HTTP method, upper case
 * @param uri absolute URI
 * @param headers header names to values; never null
 * @param body request body, empty for none
 * @param timeout time allowed for the whole exchange
 * @param streamingBody a body streamed while sending (multipart uploads), or null; when set,
 *        {@code body} is empty and a transport must send this instead
 */
public record TransportRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body,
        Duration timeout, StreamingBody streamingBody) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param method HTTP method, upper case
     * @param uri absolute URI
     * @param headers header names to values; never null
     * @param body request body, empty for none
     * @param timeout time allowed for the whole exchange
     * @param streamingBody a body streamed while sending, or null
     */
    public TransportRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        if (streamingBody != null && body.length > 0) {
            throw new IllegalArgumentException("a request has a byte body or a streaming body, not both");
        }
    }

    /**
     * A request with a byte body (or none).
     *
     * @param method HTTP method, upper case
     * @param uri absolute URI
     * @param headers header names to values
     * @param body request body, empty for none
     * @param timeout time allowed for the whole exchange
     */
    public TransportRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body,
            Duration timeout) {
        this(method, uri, headers, body, timeout, null);
    }

    @Override
    public String toString() {
        return method + " " + Redactor.redact(uri.toString());
    }
}
