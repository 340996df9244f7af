package io.messengerkit.token;

import io.messengerkit.AccessToken;
import io.messengerkit.config.MessengerConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Fernet key, to read tokens that an older system encrypted with Fernet (the reference
 * backend keeps its key in {@value #KEY_ENV}). Used by {@link FernetImporter}.
 *
 * <p>Implements version {@code 0x80} of the public Fernet specification with the JDK's crypto:
 * the key is the URL-safe base64 of 32 bytes, a 16-byte signing key then a 16-byte encryption
 * key; a token is the URL-safe base64 of version byte, 8-byte big-endian timestamp (seconds),
 * 16-byte IV, AES-128-CBC ciphertext (PKCS#7 padding) and an HMAC-SHA256 over all of that.
 * The HMAC is verified, in constant time, before anything is decrypted.
 *
 * <p>{@link #toString()} is redacted; failures are {@link TokenVaultException}s that say what is
 * wrong without quoting the key or the token.
 */
public final class FernetKey {
    /** The environment variable the reference backend reads its Fernet key from. */
    public static final String KEY_ENV = "MESSENGER_ENCRYPTION_KEY";

    /** How far in the future a token's timestamp may be when a TTL is checked, as the spec allows. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final byte VERSION = (byte) 0x80;
    private static final int HEADER = 1 + 8 + 16;
    private static final int HMAC_SIZE = 32;
    private static final int BLOCK = 16;

    private final byte[] signingKey;
    private final byte[] encryptionKey;

    private FernetKey(byte[] raw) {
        this.signingKey = Arrays.copyOfRange(raw, 0, 16);
        this.encryptionKey = Arrays.copyOfRange(raw, 16, 32);
    }

    /**
     * Parses a key: URL-safe base64 (padded or not) of exactly 32 bytes.
     *
     * @param key the key as the old system stored it
     * @return the parsed key
     * @throws TokenVaultException if it is not one (the message never quotes the value)
     */
    public static FernetKey parse(String key) {
        Objects.requireNonNull(key, "key");
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(key.strip());
        } catch (IllegalArgumentException e) {
            throw new TokenVaultException("the Fernet key is not URL-safe base64");
        }
        if (raw.length != 32) {
            throw new TokenVaultException("a Fernet key is 32 bytes, this one is " + raw.length);
        }
        try {
            return new FernetKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * The key in {@value #KEY_ENV}.
     *
     * @param env the environment to read
     * @return the parsed key
     */
    public static FernetKey fromEnvironment(Map<String, String> env) {
        String value = env.get(KEY_ENV);
        if (value == null || value.isBlank()) {
            throw new TokenVaultException(KEY_ENV + " is not set: set it to the Fernet key the old backend encrypted"
                    + " its tokens with (44 characters of URL-safe base64, as its settings had it)");
        }
        try {
            return parse(value);
        } catch (TokenVaultException e) {
            throw new TokenVaultException(e.getMessage() + " (from " + KEY_ENV + ")");
        }
    }

    /**
     * The key a {@link MessengerConfig} holds as {@code encryptionKey} ({@value #KEY_ENV}).
     *
     * @param config the configuration that holds the key
     * @return the parsed key
     */
    public static FernetKey from(MessengerConfig config) {
        Objects.requireNonNull(config, "config");
        return fromEnvironment(config.encryptionKey().map(key -> Map.of(KEY_ENV, key)).orElse(Map.of()));
    }

    /**
     * Decrypts a Fernet token that holds an access token, without any age limit (stored
     * tokens are old by nature).
     *
     * @param fernetToken the token exactly as stored
     * @return the decrypted access token
     * @throws TokenVaultException if the token is malformed, was altered, or was made with another key
     */
    public AccessToken decrypt(String fernetToken) {
        return toAccessToken(decryptBytes(fernetToken, null, null));
    }

    /**
     * Decrypts a Fernet token that must be at most {@code ttl} old at {@code now}, and not
     * more than a minute in the future.
     *
     * @param fernetToken the token exactly as stored
     * @param ttl the greatest age accepted
     * @param now the time to measure the age at
     * @return the decrypted access token
     * @throws TokenVaultException if the token is malformed, altered, made with another key, too old or from the future
     */
    public AccessToken decrypt(String fernetToken, Duration ttl, Instant now) {
        return toAccessToken(decryptBytes(fernetToken, Objects.requireNonNull(ttl, "ttl"), Objects.requireNonNull(now, "now")));
    }

    /** The Fernet token's plaintext; {@code ttl} and {@code now} are both null or both set. */
    byte[] decryptBytes(String fernetToken, Duration ttl, Instant now) {
        Objects.requireNonNull(fernetToken, "fernetToken");
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(fernetToken.strip());
        } catch (IllegalArgumentException e) {
            throw new TokenVaultException("not a Fernet token: invalid URL-safe base64");
        }
        if (data.length < 1 || data[0] != VERSION) {
            throw new TokenVaultException(data.length < 1 ? "not a Fernet token: empty"
                    : String.format("unsupported Fernet version 0x%02x (only 0x80 is defined)", data[0] & 0xff));
        }
        if (data.length < HEADER + HMAC_SIZE + 1) {
            throw new TokenVaultException("not a Fernet token: " + data.length + " bytes is too short");
        }
        int signedLength = data.length - HMAC_SIZE;
        int cipherLength = signedLength - HEADER;
        if (cipherLength % BLOCK != 0) {
            throw new TokenVaultException("Fernet ciphertext is not a whole number of AES blocks");
        }
        byte[] expected = hmac(data, signedLength);
        byte[] actual = Arrays.copyOfRange(data, signedLength, data.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new SignatureMismatch();
        }
        long timestamp = ByteBuffer.wrap(data, 1, 8).getLong();
        if (ttl != null) {
            Instant created = Instant.ofEpochSecond(timestamp);
            if (created.plus(ttl).isBefore(now)) {
                throw new TokenVaultException("Fernet token expired: older than its " + ttl.toSeconds() + " s time to live");
            }
            if (created.isAfter(now.plus(MAX_CLOCK_SKEW))) {
                throw new TokenVaultException("Fernet token's timestamp is in the future beyond the allowed clock skew");
            }
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"),
                    new IvParameterSpec(data, 9, 16));
            return aes.doFinal(data, HEADER, cipherLength);
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("Fernet token does not decrypt (bad padding)");
        }
    }

    /**
     * Encrypts per the specification with a given time and IV. Only for producing test data and
     * checking the specification's vectors: real tokens need a random IV.
     */
    String encrypt(byte[] plaintext, Instant now, byte[] iv) {
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new IvParameterSpec(iv));
            byte[] ciphertext = aes.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + HMAC_SIZE);
            token.put(VERSION).putLong(now.getEpochSecond()).put(iv).put(ciphertext);
            token.put(hmac(token.array(), HEADER + ciphertext.length));
            return Base64.getUrlEncoder().encodeToString(token.array());
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("AES-128-CBC is unavailable in this JVM", e);
        }
    }

    private byte[] hmac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            mac.update(data, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new TokenVaultException("HmacSHA256 is unavailable in this JVM", e);
        }
    }

    private static AccessToken toAccessToken(byte[] plaintext) {
        try {
            return AccessToken.of(new String(plaintext, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new TokenVaultException("the Fernet token holds an empty value");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "FernetKey[redacted]";
    }

    /** The HMAC did not verify: another key made the token, or it was altered. */
    static final class SignatureMismatch extends TokenVaultException {
        private static final long serialVersionUID = 1L;

        SignatureMismatch() {
            super("Fernet signature does not match: the token was made with another key or altered");
        }
    }
}
