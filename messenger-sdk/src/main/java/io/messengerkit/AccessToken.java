package io.messengerkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A Graph API access token (user, page or app token) held in memory.
 *
 * <p>The value is only reachable through {@link #reveal()}, which the SDK calls at the moment a
 * request is written. {@link #toString()} never prints it, so a token that ends up in a log
 * line, an exception message or a debugger's variable view stays secret. Equality compares the
 * values in constant time.
 */
public final class AccessToken {
    private final String value;

    private AccessToken(String value) {
        this.value = value;
    }

    /**
     * Wraps a token value.
     *
     * @param value the token as Meta issued it; surrounding whitespace is removed
     * @return the wrapped token
     * @throws IllegalArgumentException if the value is null or blank (the message never echoes it)
     */
    public static AccessToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("access token must not be blank");
        }
        return new AccessToken(value.strip());
    }

    /**
     * The token itself. Call it only where the value has to go on the wire or into a cipher.
     *
     * @return the plain token value
     */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessToken that
                && MessageDigest.isEqual(
                        value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value.length());
    }

    @Override
    public String toString() {
        return "AccessToken[redacted]";
    }
}
