package io.messengerkit.webhook.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to answer a webhook request with: a status, a short plain-text body and the headers to set
 * (always {@code Content-Type}, plus {@code Allow} on a 405). Server adapters copy it onto their
 * response as it is.
 *
 * @param status the HTTP status
 * @param body the plain-text body: the challenge for a handshake, a word or two otherwise
 * @param headers the headers to set, {@code Content-Type} included
 */
public record WebhookResponse(int status, String body, Map<String, String> headers) {
    /** The content type of every answer. */
    public static final String CONTENT_TYPE = "text/plain; charset=UTF-8";

    /**
     * Copies the headers.
     *
     * @throws NullPointerException when {@code body} or {@code headers} is null
     */
    public WebhookResponse {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, body, Map.of("Content-Type", CONTENT_TYPE));
    }

    static WebhookResponse text(int status, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", CONTENT_TYPE);
        return new WebhookResponse(status, body, headers);
    }

    /** {@return the body encoded as UTF-8, to write to the wire} */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // A handshake's body is the challenge, not a secret; still, keep log lines short.
        return "WebhookResponse[status=" + status + ", bodyLength=" + body.length() + ", headers=" + headers + "]";
    }
}
