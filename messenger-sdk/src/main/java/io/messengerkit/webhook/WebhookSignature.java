package io.messengerkit.webhook;

import io.messengerkit.AppSecret;
import io.messengerkit.metrics.MessengerMetrics;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a webhook request comes from Meta, and signs bodies the way Meta does.
 *
 * <p>Two checks:
 * <ul>
 *   <li>{@link #verifyChallenge(String, String, String)} for the subscription GET
 *       ({@code hub.mode}, {@code hub.verify_token}, {@code hub.challenge}); the verify token is
 *       compared in constant time.</li>
 *   <li>{@link #verify(byte[], String)} for every event POST: the {@code X-Hub-Signature-256}
 *       header must be {@code sha256=} followed by the HMAC-SHA256 of the <em>raw request bytes</em>
 *       keyed with the app secret. Call it before parsing anything, on the bytes exactly as they
 *       arrived: Meta signs its own serialisation (with {@code \}{@code uXXXX} escapes), so JSON that
 *       was parsed and written again no longer matches.</li>
 * </ul>
 * Every failure is a {@link WebhookSignatureException}; answer it with 403 and dispatch nothing.
 * The legacy SHA-1 header {@code X-Hub-Signature} is ignored unless
 * {@link Builder#allowLegacySha1(boolean)} is switched on, and then only used when the SHA-256
 * header is absent.
 *
 * <p>Instances are immutable and thread-safe. {@link #sign(byte[])} produces the header value for a
 * body, for tests and for the platform emulator.
 */
public final class WebhookSignature {
    /** Header carrying {@code sha256=<hex>}. */
    public static final String SIGNATURE_256_HEADER = "X-Hub-Signature-256";
    /** Legacy header carrying {@code sha1=<hex>}, honoured only when explicitly enabled. */
    public static final String SIGNATURE_SHA1_HEADER = "X-Hub-Signature";

    private static final String SHA256_PREFIX = "sha256=";
    private static final String SHA1_PREFIX = "sha1=";
    private static final int SHA256_HEX_LENGTH = 64;
    private static final int SHA1_HEX_LENGTH = 40;

    private final AppSecret appSecret;
    private final byte[] verifyToken;
    private final boolean allowLegacySha1;
    private final Mac prototype;
    // One Mac per thread: creating one costs more than the HMAC of a typical body.
    private final ThreadLocal<Mac> macs;
    private final MessengerMetrics metrics;

    private WebhookSignature(Builder builder) {
        this.appSecret = Objects.requireNonNull(builder.appSecret, "appSecret");
        this.verifyToken = builder.verifyToken == null ? null : sha256(builder.verifyToken);
        this.allowLegacySha1 = builder.allowLegacySha1;
        this.prototype = appSecret.newHmacSha256();
        this.macs = ThreadLocal.withInitial(this::newMac);
        this.metrics = MessengerMetrics.safe(builder.metrics);
    }

    /**
     * {@return a verifier for POST signatures only (no verify token, SHA-1 disabled)}
     *
     * @param appSecret the app secret Meta signs with
     */
    public static WebhookSignature of(AppSecret appSecret) {
        return builder(appSecret).build();
    }

    /**
     * Starts a configuration keyed with the given app secret.
     *
     * @param appSecret the app secret Meta signs with
     * @return a builder
     */
    public static Builder builder(AppSecret appSecret) {
        return new Builder(appSecret);
    }

    /**
     * Checks a subscription GET and returns the challenge to answer with (HTTP 200, text/plain,
     * echoed unchanged).
     *
     * @param mode the {@code hub.mode} parameter
     * @param verifyToken the {@code hub.verify_token} parameter
     * @param challenge the {@code hub.challenge} parameter
     * @return the challenge, to answer with
     * @throws WebhookSignatureException if the mode is not {@code subscribe}, the token does not
     *     match, the challenge is missing, or no verify token was configured
     */
    public String verifyChallenge(String mode, String verifyToken, String challenge) {
        if (!"subscribe".equals(mode)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.WRONG_MODE,
                    "webhook verification rejected: hub.mode is not 'subscribe'");
        }
        // Digests have one length whatever was offered, so the comparison time reveals nothing.
        byte[] offered = sha256(verifyToken == null ? "" : verifyToken);
        boolean matches = this.verifyToken != null && MessageDigest.isEqual(this.verifyToken, offered);
        if (!matches || challenge == null || challenge.isEmpty()) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.WRONG_VERIFY_TOKEN,
                    "webhook verification rejected: verify token does not match or challenge is missing");
        }
        return challenge;
    }

    /**
     * Verifies an event POST by its {@code X-Hub-Signature-256} header.
     *
     * @param rawBody the request body exactly as received
     * @param signature256Header the header value, or null when absent
     * @throws WebhookSignatureException if the header is missing, malformed or does not match
     */
    public void verify(byte[] rawBody, String signature256Header) {
        verify(rawBody, signature256Header, null);
    }

    /**
     * Verifies an event POST by its {@code X-Hub-Signature-256} header, falling back to the legacy
     * {@code X-Hub-Signature} (SHA-1) header only when that was enabled and the SHA-256 header is
     * absent. When both are present only the SHA-256 header counts.
     *
     * @param rawBody the request body exactly as received
     * @param signature256Header the {@code X-Hub-Signature-256} value, or null
     * @param legacySha1Header the {@code X-Hub-Signature} value, or null
     * @throws WebhookSignatureException if no usable header is present, or it is malformed or wrong
     */
    public void verify(byte[] rawBody, String signature256Header, String legacySha1Header) {
        Objects.requireNonNull(rawBody, "rawBody");
        try {
            check(rawBody, signature256Header, legacySha1Header);
        } catch (WebhookSignatureException e) {
            metrics.signatureRejected(e.reason().name().toLowerCase(java.util.Locale.ROOT));
            throw e;
        }
        metrics.deliveryVerified(rawBody.length);
    }

    private void check(byte[] rawBody, String signature256Header, String legacySha1Header) {
        if (signature256Header != null) {
            byte[] expected = decode(signature256Header, SHA256_PREFIX, SHA256_HEX_LENGTH);
            compare(expected, macs.get().doFinal(rawBody));
            return;
        }
        if (allowLegacySha1 && legacySha1Header != null) {
            byte[] expected = decode(legacySha1Header, SHA1_PREFIX, SHA1_HEX_LENGTH);
            compare(expected, sha1(rawBody));
            return;
        }
        throw new WebhookSignatureException(WebhookSignatureException.Reason.MISSING,
                "webhook signature rejected: no " + SIGNATURE_256_HEADER + " header");
    }

    /**
     * {@return true when {@link #verify(byte[], String)} would accept the body; never throws for bad input}
     *
     * @param rawBody the request body exactly as received
     * @param signature256Header the header value, or null
     */
    public boolean isValid(byte[] rawBody, String signature256Header) {
        try {
            verify(rawBody, signature256Header);
            return true;
        } catch (WebhookSignatureException e) {
            return false;
        }
    }

    /**
     * {@return the {@code X-Hub-Signature-256} value Meta would send with this body: {@code sha256=<lowercase hex>}}
     *
     * @param rawBody the body to sign
     */
    public String sign(byte[] rawBody) {
        return SHA256_PREFIX + HexFormat.of().formatHex(macs.get().doFinal(rawBody));
    }

    /**
     * {@return the legacy {@code X-Hub-Signature} value for this body: {@code sha1=<lowercase hex>}}
     *
     * @param rawBody the body to sign
     */
    public String signSha1(byte[] rawBody) {
        return SHA1_PREFIX + HexFormat.of().formatHex(sha1(rawBody));
    }

    /** {@return whether the legacy SHA-1 header is honoured} */
    public boolean allowsLegacySha1() {
        return allowLegacySha1;
    }

    private Mac newMac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return appSecret.newHmacSha256();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    private byte[] sha1(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
        }
    }

    private static void compare(byte[] expected, byte[] actual) {
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new WebhookSignatureException(WebhookSignatureException.Reason.MISMATCH,
                    "webhook signature rejected: signature does not match the body");
        }
    }

    /**
     * Parses {@code <prefix><hex>}. The prefix must be exact; hex digits are accepted in either
     * case, since they denote the same bytes.
     */
    private static byte[] decode(String header, String prefix, int hexLength) {
        String value = header.strip();
        if (!value.startsWith(prefix) || value.length() != prefix.length() + hexLength) {
            throw malformed(prefix);
        }
        byte[] out = new byte[hexLength / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(value.charAt(prefix.length() + 2 * i), 16);
            int lo = Character.digit(value.charAt(prefix.length() + 2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw malformed(prefix);
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static WebhookSignatureException malformed(String prefix) {
        return new WebhookSignatureException(WebhookSignatureException.Reason.MALFORMED,
                "webhook signature rejected: expected '" + prefix + "' followed by hex digits");
    }

    @Override
    public String toString() {
        return "WebhookSignature[appSecret=redacted, verifyToken=" + (verifyToken == null ? "unset" : "redacted")
                + ", legacySha1=" + allowLegacySha1 + "]";
    }

    /** Configuration for {@link WebhookSignature}. */
    public static final class Builder {
        private final AppSecret appSecret;
        private String verifyToken;
        private boolean allowLegacySha1;
        private MessengerMetrics metrics;

        private Builder(AppSecret appSecret) {
            this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
        }

        /**
         * {@return the verify token entered in the App Dashboard, needed for {@link #verifyChallenge}}
         *
         * @param verifyToken the token
         */
        public Builder verifyToken(String verifyToken) {
            if (verifyToken == null || verifyToken.isEmpty()) {
                throw new IllegalArgumentException("verify token must not be empty");
            }
            this.verifyToken = verifyToken;
            return this;
        }

        /**
         * Accept the legacy {@code X-Hub-Signature: sha1=...} header when no SHA-256 header came.
         * Off by default: SHA-256 is what Meta documents today.
         *
         * @param allow true to accept it
         * @return this builder
         */
        public Builder allowLegacySha1(boolean allow) {
            this.allowLegacySha1 = allow;
            return this;
        }

        /**
         * Reports verified deliveries (with their size) and rejected signatures to {@code metrics}.
         *
         * @param metrics the listener, or null for none
         * @return this builder
         */
        public Builder metrics(MessengerMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the verifier
         */
        public WebhookSignature build() {
            return new WebhookSignature(this);
        }
    }
}
