package io.messengerkit.jakarta.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messengerkit.AppSecret;
import io.messengerkit.MessengerException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Meta's {@code signed_request} (Facebook Login deauthorize and data-deletion callbacks):
 * {@code base64url(signature) "." base64url(payload)}, the signature being HMAC-SHA256 of the
 * payload's base64url text keyed with the app secret. {@link #verify} checks the signature in
 * constant time before it reads the payload; {@link #verifyFresh} also refuses a request whose
 * {@code issued_at} is older than a window, so a captured one cannot be replayed for ever.
 *
 * @param userId the app-scoped Facebook user id the request is about
 * @param issuedAt {@code issued_at}, epoch seconds, or 0 when absent
 */
public record SignedRequest(String userId, long issuedAt) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 8192;
    /** How far in the future {@code issued_at} may lie: clocks of Meta and of this server differ a little. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A {@code signed_request} that is malformed or not signed with this app's secret. */
    public static final class InvalidSignedRequest extends MessengerException {
        private static final long serialVersionUID = 1L;

        InvalidSignedRequest(String message) {
            super(message);
        }
    }

    /**
     * Verifies and reads a {@code signed_request}.
     *
     * @param signedRequest the form field as Meta sent it
     * @param appSecret the app secret
     * @return the verified payload
     * @throws InvalidSignedRequest when it is missing, malformed, not HMAC-SHA256, wrongly signed or has no user id
     */
    public static SignedRequest verify(String signedRequest, AppSecret appSecret) {
        if (signedRequest == null || signedRequest.isBlank() || signedRequest.length() > MAX_LENGTH) {
            throw new InvalidSignedRequest("signed_request is missing or too long");
        }
        int dot = signedRequest.indexOf('.');
        if (dot <= 0 || dot == signedRequest.length() - 1 || signedRequest.indexOf('.', dot + 1) >= 0) {
            throw new InvalidSignedRequest("signed_request is not <signature>.<payload>");
        }
        String encodedSignature = signedRequest.substring(0, dot);
        String encodedPayload = signedRequest.substring(dot + 1);
        byte[] signature;
        byte[] payload;
        try {
            signature = Base64.getUrlDecoder().decode(strip(encodedSignature));
            payload = Base64.getUrlDecoder().decode(strip(encodedPayload));
        } catch (IllegalArgumentException e) {
            throw new InvalidSignedRequest("signed_request is not base64url");
        }
        byte[] expected = appSecret.newHmacSha256().doFinal(encodedPayload.getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new InvalidSignedRequest("signed_request signature does not match");
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new InvalidSignedRequest("signed_request payload is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSignedRequest("signed_request payload is not a JSON object");
        }
        String algorithm = node.path("algorithm").asText("");
        if (!algorithm.toUpperCase(Locale.ROOT).equals("HMAC-SHA256")) {
            throw new InvalidSignedRequest("signed_request algorithm is not HMAC-SHA256");
        }
        String userId = node.path("user_id").asText("");
        if (!userId.matches("[0-9]{1,40}")) {
            throw new InvalidSignedRequest("signed_request has no user_id");
        }
        // Only a whole number that fits: a huge one must not wrap around into a plausible time.
        JsonNode issuedAt = node.path("issued_at");
        return new SignedRequest(userId, issuedAt.isIntegralNumber() && issuedAt.canConvertToLong() ? issuedAt.asLong() : 0);
    }

    /**
     * Verifies and reads a {@code signed_request}, and refuses it unless its {@code issued_at} lies
     * within {@code maxAge} before {@code now} (or at most five minutes after it, for clock skew).
     *
     * @param signedRequest the form field as Meta sent it
     * @param appSecret the app secret
     * @param now the current time
     * @param maxAge the oldest request accepted
     * @return the verified, fresh payload
     * @throws InvalidSignedRequest when {@link #verify} refuses it, or it has no {@code issued_at},
     *     or that time is outside the window
     */
    public static SignedRequest verifyFresh(String signedRequest, AppSecret appSecret, Instant now, Duration maxAge) {
        SignedRequest request = verify(signedRequest, appSecret);
        if (request.issuedAt() <= 0) {
            throw new InvalidSignedRequest("signed_request has no issued_at");
        }
        // Compared as numbers: an issued_at of any size must not overflow into an exception.
        long issued = request.issuedAt();
        long current = now.getEpochSecond();
        if (issued < current - maxAge.getSeconds()) {
            throw new InvalidSignedRequest("signed_request was issued more than " + maxAge + " ago");
        }
        if (issued > current + CLOCK_SKEW.getSeconds()) {
            throw new InvalidSignedRequest("signed_request is issued in the future");
        }
        return request;
    }

    /**
     * Builds a signed request as Meta would (for tests and the emulator).
     *
     * @param payloadJson the payload
     * @param appSecret the app secret
     * @return the {@code signed_request} value
     */
    public static String sign(String payloadJson, AppSecret appSecret) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        byte[] signature = appSecret.newHmacSha256().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature) + "." + payload;
    }

    private static String strip(String base64) {
        // Meta omits padding; some clients add it.
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }
}
