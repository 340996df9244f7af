package io.messengerkit.benchmarks;

import io.messengerkit.AppSecret;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * The minimal {@code X-Hub-Signature-256} check the floor and the restfb adapter share (restfb has no
 * webhook signature check of its own): one HMAC-SHA256 over the raw bytes, compared in constant time.
 * It keeps one {@link Mac} per instance, so each instance is confined to one thread.
 */
final class Sha256SignatureCheck {
    private static final String PREFIX = "sha256=";
    private final Mac mac;

    Sha256SignatureCheck(AppSecret secret) {
        this.mac = secret.newHmacSha256();
    }

    /** Throws {@link SecurityException} unless {@code header} is the right signature of {@code body}. */
    void verify(String header, byte[] body) {
        if (header == null || header.length() != PREFIX.length() + 64 || !header.startsWith(PREFIX)) {
            throw new SecurityException("missing or malformed X-Hub-Signature-256");
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            throw new SecurityException("malformed X-Hub-Signature-256");
        }
        if (!MessageDigest.isEqual(expected, mac.doFinal(body))) {
            throw new SecurityException("X-Hub-Signature-256 does not match the body");
        }
    }
}
