package io.messengerkit.graph;

/**
 * What Graph said about a failed call, read from its {@code {"error": {...}}} body.
 *
 * <p>For failures without such a body (a proxy's HTML page, an empty 502, a broken connection) the
 * code is {@code 0} and {@code type} says what was received instead.
 *
 * @param httpStatus HTTP status, {@code 0} when no response arrived
 * @param code Graph's {@code code}, {@code 0} when the body had none
 * @param subcode Graph's {@code error_subcode}, {@code 0} when absent
 * @param type Graph's {@code type} (e.g. {@code OAuthException}), or a description of the body
 * @param message Graph's {@code message}, redacted; for display and logs only, never for decisions
 * @param fbtraceId Graph's {@code fbtrace_id}, what Meta support asks for; null when absent
 * @param transientHint Graph's {@code is_transient}, when present
 * @param userTitle Graph's {@code error_user_title}, localized, or null
 * @param userMessage Graph's {@code error_user_msg}, localized, or null
 */
public record GraphError(int httpStatus, int code, int subcode, String type, String message, String fbtraceId,
        boolean transientHint, String userTitle, String userMessage) {

    /** {@return true when the body was Graph's error JSON (as opposed to a proxy page or no response)} */
    public boolean fromGraph() {
        return code != 0;
    }
}
