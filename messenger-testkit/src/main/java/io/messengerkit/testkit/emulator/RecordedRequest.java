package io.messengerkit.testkit.emulator;

import io.messengerkit.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Graph API call as the emulator received and answered it, for assertions such as "the
 * client sent {@code appsecret_proof}" or "it retried after the 500".
 *
 * @param sequence position in the order of arrival, starting at 1
 * @param receivedAt emulator clock time of arrival
 * @param method HTTP method
 * @param graphVersion the version prefix of the path (e.g. {@code v26.0}), or null when absent
 * @param path the path without the version prefix, e.g. {@code /me/messages}
 * @param query decoded query parameters
 * @param headers request headers, names in lower case
 * @param body the raw request body
 * @param params query, form and top-level JSON body parameters merged (query wins), as strings
 * @param accessToken the token the call carried (parameter or {@code Authorization: Bearer}), or null
 * @param responseStatus the HTTP status answered (0 when the connection was dropped)
 * @param responseBody the body answered
 */
public record RecordedRequest(
        long sequence,
        Instant receivedAt,
        String method,
        String graphVersion,
        String path,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        Map<String, String> params,
        String accessToken,
        int responseStatus,
        String responseBody) {

    public RecordedRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body.clone();
        params = Map.copyOf(params);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A parameter from the query, a form body or a JSON body's top level. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** The first value of a header (name is case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** True when the token came in an {@code Authorization: Bearer} header. */
    public boolean usedBearerHeader() {
        return header("authorization").map(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).orElse(false);
    }

    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + method + " "
                + (graphVersion == null ? "" : "/" + graphVersion) + path + " -> " + responseStatus
                + ", params=" + Redactor.redact(params.keySet().toString()) + "]";
    }
}
