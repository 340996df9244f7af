package io.messengerkit.webhook.http;

import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request to the webhook URL as every server can describe it: the method, the decoded query
 * parameters, the headers and the body as a stream. Server adapters build it and hand it to
 * {@link WebhookEndpoint#handle(WebhookRequest)}, which reads at most its body limit from {@code body}.
 *
 * <p>{@link #toString()} names the parameters and headers but prints none of their values, because the
 * handshake carries the verify token in the query.
 *
 * @param method the HTTP method as received, such as {@code GET} or {@code POST}
 * @param queryParameters decoded query parameters, each name with its values in order
 * @param headers the request headers; {@link #header(String)} looks them up ignoring case
 * @param body the request body, read only by the endpoint; an empty stream when there is none
 */
public record WebhookRequest(String method, Map<String, List<String>> queryParameters,
                             Map<String, List<String>> headers, InputStream body) {

    /**
     * Copies the parameters and headers (headers into a map that ignores case).
     *
     * @throws NullPointerException when {@code method} or {@code body} is null
     */
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        queryParameters = copy(queryParameters, new LinkedHashMap<>());
        headers = copy(headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    /**
     * {@return the first value of a query parameter, or null when it is absent}
     *
     * @param name the parameter, such as {@code hub.challenge}
     */
    public String queryParameter(String name) {
        return first(queryParameters.get(name));
    }

    /**
     * {@return the first value of a header, or null when it is absent; the name's case does not matter}
     *
     * @param name the header, such as {@code X-Hub-Signature-256}
     */
    public String header(String name) {
        return first(headers.get(name));
    }

    /**
     * Decodes a raw query string ({@code a=1&b=x%20y}) the way browsers encode forms: {@code +} is a
     * space, {@code %XX} are UTF-8 bytes. A pair that cannot be decoded is left out rather than failing
     * the request; a name without {@code =} gets an empty value.
     *
     * @param rawQuery the query as it appears in the URL, without {@code ?}; null for none
     * @return the parameters in order of appearance
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                String name = URLDecoder.decode(rawName, StandardCharsets.UTF_8);
                String value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException malformedEscape) {
                // Not something Meta sends; the handshake then fails for want of the parameter.
            }
        }
        return parameters;
    }

    @Override
    public String toString() {
        return "WebhookRequest[method=" + method + ", queryParameters=" + queryParameters.keySet()
                + ", headers=" + headers.keySet() + "]";
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> source, Map<String, List<String>> target) {
        if (source != null) {
            source.forEach((name, values) -> {
                if (name != null && values != null) {
                    List<String> kept = new ArrayList<>(values.size());
                    values.forEach(v -> {
                        if (v != null) {
                            kept.add(v);
                        }
                    });
                    target.merge(name, List.copyOf(kept), (a, b) -> {
                        List<String> both = new ArrayList<>(a);
                        both.addAll(b);
                        return List.copyOf(both);
                    });
                }
            });
        }
        return Collections.unmodifiableMap(target);
    }
}
