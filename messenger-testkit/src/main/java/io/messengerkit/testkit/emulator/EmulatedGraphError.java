package io.messengerkit.testkit.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the emulator answers in Meta's shape:
 * {@code {"error":{"message","type","code","error_subcode"?,"is_transient"?,"fbtrace_id"}}}.
 *
 * <p>The factories below are the errors the emulator raises on its own (token, permission,
 * parameter, window and rate-limit rules); tests can also inject any of them, or a custom one,
 * with {@link Fault#error(EmulatedGraphError)}.
 *
 * @param httpStatus HTTP status of the answer (Meta mostly uses 400, 403 and 500)
 * @param code Meta's {@code code}
 * @param subcode Meta's {@code error_subcode}, or null when absent
 * @param type Meta's {@code type}, e.g. {@code OAuthException}
 * @param message Meta's {@code message}
 * @param transientError Meta's {@code is_transient}, or null when absent
 */
public record EmulatedGraphError(
        int httpStatus, int code, Integer subcode, String type, String message, Boolean transientError) {

    /** Code 2500: no token on a call that needs one. */
    public static EmulatedGraphError missingToken() {
        return new EmulatedGraphError(400, 2500, null, "OAuthException",
                "An active access token must be used to query information about the current user.", null);
    }

    /** Code 190 without subcode: the token is unknown or malformed. */
    public static EmulatedGraphError invalidToken() {
        return new EmulatedGraphError(400, 190, null, "OAuthException",
                "Invalid OAuth access token - Cannot parse access token", null);
    }

    /**
     * Code 190 with a subcode: 458 app removed, 459 checkpoint, 460 password changed, 463 expired,
     * 464 unconfirmed user, 467 invalid (logged out).
     */
    public static EmulatedGraphError tokenInvalid(int subcode) {
        String message = switch (subcode) {
            case 458 -> "Error validating access token: The user has not authorized application.";
            case 459 -> "Error validating access token: You cannot access the app till you log in to"
                    + " www.facebook.com and follow the instructions given.";
            case 460 -> "Error validating access token: The session has been invalidated because the user"
                    + " changed their password or Facebook has changed the session for security reasons.";
            case 463 -> "Error validating access token: Session has expired.";
            case 464 -> "Error validating access token: Sessions for the user are not allowed because the"
                    + " user is not a confirmed user.";
            case 467 -> "Error validating access token: The user has logged out.";
            default -> "Error validating access token.";
        };
        return new EmulatedGraphError(400, 190, subcode, "OAuthException", message, null);
    }

    /** Code 613: Meta's answer to too many calls, used for the 300 sends/s per page limit. */
    public static EmulatedGraphError rateLimited() {
        return new EmulatedGraphError(400, 613, null, "OAuthException",
                "(#613) Calls to this api have exceeded the rate limit.", null);
    }

    /** HTTP 500 with code 2 and {@code is_transient: true}: a temporary platform failure. */
    public static EmulatedGraphError serviceUnavailable(int httpStatus) {
        return new EmulatedGraphError(httpStatus, 2, null, "OAuthException",
                "An unexpected error has occurred. Please retry your request later.", true);
    }

    /** Code 10, subcode 2018278: the page wrote outside the standard 24-hour window. */
    public static EmulatedGraphError outsideWindow() {
        return new EmulatedGraphError(400, 10, 2018278, "OAuthException",
                "(#10) This message is sent outside of allowed window. Learn more about the new policy here:"
                        + " https://developers.facebook.com/docs/messenger-platform/policy-overview", null);
    }

    /** Code 551, subcode 1545041: this person is not available right now (e.g. blocked the page). */
    public static EmulatedGraphError recipientUnavailable() {
        return new EmulatedGraphError(400, 551, 1545041, "OAuthException",
                "(#551) This person isn't available right now.", null);
    }

    /** Code 100, subcode 2018001: the PSID is not a person who talked to this page. */
    public static EmulatedGraphError noMatchingUser() {
        return new EmulatedGraphError(400, 100, 2018001, "OAuthException", "(#100) No matching user found", null);
    }

    /** Code 100: an invalid or missing parameter. */
    public static EmulatedGraphError invalidParameter(String message) {
        return new EmulatedGraphError(400, 100, null, "OAuthException", "(#100) " + message, null);
    }

    /** Code 100, subcode 33: unknown object or edge. */
    public static EmulatedGraphError unsupportedRequest(String method, String id) {
        return new EmulatedGraphError(400, 100, 33, "GraphMethodException",
                "Unsupported " + method.toLowerCase(java.util.Locale.ROOT) + " request. Object with ID '" + id
                        + "' does not exist, cannot be loaded due to missing permissions, or does not support"
                        + " this operation. Please read the Graph API documentation at"
                        + " https://developers.facebook.com/docs/graph-api", null);
    }

    /** Code 200: a permission the token lacks. */
    public static EmulatedGraphError permissionMissing(String permission) {
        return new EmulatedGraphError(403, 200, null, "OAuthException",
                "(#200) Requires " + permission + " permission to manage the object", null);
    }

    /** Code 210: a page token is needed. */
    public static EmulatedGraphError pageTokenRequired() {
        return new EmulatedGraphError(400, 210, null, "OAuthException",
                "(#210) A page access token is required to request this resource.", null);
    }

    /** Code 100 from {@code appsecret_proof} checks. */
    public static EmulatedGraphError appSecretProof(boolean missing) {
        return new EmulatedGraphError(400, 100, null, "GraphMethodException", missing
                ? "API calls from the server require an appsecret_proof argument"
                : "Invalid appsecret_proof provided in the API argument", null);
    }

    /** The {@code error} object's fields in Meta's order, with the given trace id. */
    Map<String, Object> body(String fbtraceId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (transientError != null) {
            error.put("is_transient", transientError);
        }
        error.put("fbtrace_id", fbtraceId);
        return Map.of("error", error);
    }
}
