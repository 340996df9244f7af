package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Graph call before it is put on the wire.
 *
 * @param name short label for logs, e.g. {@code "me/accounts"}
 * @param method HTTP method
 * @param path path below the version, starting with {@code /}
 * @param query query parameters (never secrets)
 * @param token the token to send in the Authorization header, or null
 * @param proof whether to add {@code appsecret_proof} for the token (user and page tokens)
 * @param form form body parameters (may hold secrets: they never reach logs), or null
 * @param json JSON body, or null
 * @param idempotent whether repeating the call is harmless; sends are not
 * @param versioned whether the path goes below the API version
 * @param multipart a streamed multipart/form-data body, or null
 */
record GraphCall(String name, String method, String path, Map<String, String> query, AccessToken token,
        boolean proof, Map<String, String> form, byte[] json, boolean idempotent, boolean versioned,
        MultipartBody multipart) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param name short label for logs, e.g. {@code "me/accounts"}
     * @param method HTTP method
     * @param path path below the version, starting with {@code /}
     * @param query query parameters (never secrets)
     * @param token the token to send in the Authorization header, or null
     * @param proof whether to add {@code appsecret_proof} for the token (user and page tokens)
     * @param form form body parameters (may hold secrets: they never reach logs), or null
     * @param json JSON body, or null
     * @param idempotent whether repeating the call is harmless; sends are not
     * @param versioned whether the path goes below the API version
     * @param multipart a streamed multipart/form-data body, or null
     */
    GraphCall {
        Objects.requireNonNull(name);
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        form = form == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(form));
    }

    /**
     * A call without a multipart body.
     *
     * @param name short label for logs
     * @param method HTTP method
     * @param path path below the version
     * @param query query parameters
     * @param token the token, or null
     * @param proof whether to add {@code appsecret_proof}
     * @param form form body, or null
     * @param json JSON body, or null
     * @param idempotent whether repeating the call is harmless
     * @param versioned whether the path goes below the API version
     */
    GraphCall(String name, String method, String path, Map<String, String> query, AccessToken token,
            boolean proof, Map<String, String> form, byte[] json, boolean idempotent, boolean versioned) {
        this(name, method, path, query, token, proof, form, json, idempotent, versioned, null);
    }

    /**
     * {@return a GET with a user or page token (with {@code appsecret_proof})}
     *
     * @param name the call's name, for logs
     * @param path the path after the version
     * @param query the query parameters
     * @param token the user or page token
     */
    static GraphCall get(String name, String path, Map<String, String> query, AccessToken token) {
        return new GraphCall(name, "GET", path, query, token, true, null, null, true, true);
    }

    /**
     * {@return this call with different query parameters (for the next page of a cursor listing)}
     *
     * @param newQuery the query parameters
     */
    GraphCall withQuery(Map<String, String> newQuery) {
        return new GraphCall(name, method, path, newQuery, token, proof, form, json, idempotent, versioned, multipart);
    }
}
