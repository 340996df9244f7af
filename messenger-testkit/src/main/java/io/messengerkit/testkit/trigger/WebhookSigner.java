package io.messengerkit.testkit.trigger;

import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as Meta does: {@code X-Hub-Signature-256: sha256=<lower-case hex
 * HMAC-SHA256(app secret, exact body bytes)>}, plus the legacy {@code X-Hub-Signature: sha1=...}.
 */
public final class WebhookSigner {
    /** The header every current delivery carries. */
    public static final String SIGNATURE_256_HEADER = "X-Hub-Signature-256";
    /** The legacy SHA-1 header older apps still get. */
    public static final String SIGNATURE_SHA1_HEADER = "X-Hub-Signature";

    private final AppSecret secret;

    /** A signer for the given app secret. */
    public WebhookSigner(AppSecret secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** The {@code X-Hub-Signature-256} value for these bytes: {@code sha256=} and lower-case hex. */
    public String signature256(byte[] body) {
        return "sha256=" + secret.hmacSha256Hex(body);
    }

    /** The legacy {@code X-Hub-Signature} value: {@code sha1=} and lower-case hex HMAC-SHA1. */
    public String signatureSha1(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return "sha1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret=redacted]";
    }
}
