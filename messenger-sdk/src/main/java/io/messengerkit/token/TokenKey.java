package io.messengerkit.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Names one stored token: the tenant it belongs to (the chatbot id in the reference backend),
 * its {@link TokenKind kind} and its owner (the Facebook user id for {@link TokenKind#USER}, the
 * Page id for {@link TokenKind#PAGE}).
 *
 * <p>The key is also the associated data of the token's ciphertext, so a ciphertext copied into
 * another row does not decrypt. Tenant and owner id are at most {@value #MAX_LENGTH} characters,
 * not blank and free of control characters, which keeps them safe as database columns and in
 * log lines.
 *
 * @param tenant the tenant (chatbot) the token belongs to
 * @param kind user or page token
 * @param ownerId Facebook user id or Page id
 */
public record TokenKey(String tenant, TokenKind kind, String ownerId) {
    /** Longest tenant or owner id accepted. */
    public static final int MAX_LENGTH = 255;

    private static final byte[] AD_LABEL = "messengerkit.token.v1".getBytes(StandardCharsets.US_ASCII);

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param tenant the tenant (chatbot) the token belongs to
     * @param kind user or page token
     * @param ownerId Facebook user id or Page id
     */
    public TokenKey {
        requireId("tenant", tenant);
        Objects.requireNonNull(kind, "kind");
        requireId("ownerId", ownerId);
    }

    /**
     * The key of a linked account's long-lived user token.
     *
     * @param tenant the tenant (chatbot id)
     * @param facebookUserId the app-scoped Facebook user id
     * @return the key of that user's long-lived token
     */
    public static TokenKey user(String tenant, String facebookUserId) {
        return new TokenKey(tenant, TokenKind.USER, facebookUserId);
    }

    /**
     * The key of a linked Page's token.
     *
     * @param tenant the tenant (chatbot id)
     * @param pageId the Page id
     * @return the key of that page's token
     */
    public static TokenKey page(String tenant, String pageId) {
        return new TokenKey(tenant, TokenKind.PAGE, pageId);
    }

    /**
     * The AEAD associated data for this key: a label and the three fields, each length-prefixed
     * so that no two different keys produce the same bytes.
     */
    byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(AD_LABEL);
        for (String part : new String[] {tenant, kind.name(), ownerId}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(name + " must not contain control characters");
        }
    }
}
