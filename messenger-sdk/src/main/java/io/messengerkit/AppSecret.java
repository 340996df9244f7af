package io.messengerkit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Meta app secret. It signs webhook bodies and {@code appsecret_proof} values and is never
 * printed: {@link #toString()} is redacted and the raw value is only handed out by
 * {@link #reveal()}.
 */
public final class AppSecret {
    private final String value;

    private AppSecret(String value) {
        this.value = value;
    }

    /**
     * Wraps an app secret.
     *
     * @param value the App Secret from the App Dashboard; surrounding whitespace is removed
     * @return the wrapped secret
     * @throws IllegalArgumentException if the value is null or blank (the message never echoes it)
     */
    public static AppSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("app secret must not be blank");
        }
        return new AppSecret(value.strip());
    }

    /** {@return the secret itself, for the few places that must put it on the wire ({@code client_secret})} */
    public String reveal() {
        return value;
    }

    /**
     * A fresh HMAC-SHA256 keyed with this secret. {@code Mac} is not thread-safe, so each caller
     * gets its own instance.
     *
     * @return an initialised {@code Mac}
     */
    public Mac newHmacSha256() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(value.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    /**
     * Lower-case hex HMAC-SHA256 of the given bytes, keyed with this secret.
     *
     * @param message the bytes to authenticate, such as a raw webhook body
     * @return 64 lower-case hex digits
     */
    public String hmacSha256Hex(byte[] message) {
        return HexFormat.of().formatHex(newHmacSha256().doFinal(message));
    }

    /**
     * The {@code appsecret_proof} Meta expects beside a user or page token: lower-case hex
     * HMAC-SHA256 of the token, keyed with this secret.
     *
     * @param token the user or page token the proof accompanies
     * @return 64 lower-case hex digits
     */
    public String appSecretProof(AccessToken token) {
        return hmacSha256Hex(token.reveal().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppSecret that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.length();
    }

    @Override
    public String toString() {
        return "AppSecret[redacted]";
    }
}
