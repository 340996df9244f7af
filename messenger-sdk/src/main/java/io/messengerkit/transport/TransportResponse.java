package io.messengerkit.transport;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response as an {@link HttpTransport} returns it: status, headers and the whole body.
 *
 * @param status HTTP status code
 * @param headers header names to values (names are matched case-insensitively by {@link #header})
 * @param body the response body, empty for none
 */
public record TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param status HTTP status code
     * @param headers header names to values (names are matched case-insensitively by {@link #header})
     * @param body the response body, empty for none
     */
    public TransportResponse {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null) {
                    copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
    }

    /**
     * {@return the first value of a header, matched case-insensitively}
     *
     * @param name the header name, any case
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return "TransportResponse[status=" + status + ", bodyBytes=" + body.length + "]";
    }
}
