package io.messengerkit.webhook;

import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The de-duplication key of an event: its message id where it has one that identifies this very
 * event, otherwise a digest over the fields that identify it. Keys depend only on the event's
 * content, never on its position in a body, so a redelivery in another batch gets the same key.
 * Which id names an event and which fields go into its digest is each {@link EventKind}'s to say.
 */
final class DeduplicationKeys {
    /** Longest key handed to a ledger; longer ids are digested. */
    static final int MAX_KEY_LENGTH = 100;

    private DeduplicationKeys() {
    }

    static String of(WebhookEvent event) {
        return of(event, EventKind.of(event));
    }

    /** {@link #of(WebhookEvent)} for an event whose kind the caller knows already. */
    static String of(WebhookEvent event, EventKind kind) {
        String key = kind.directKey(event);
        if (key != null) {
            return key;
        }
        Envelope e = event.envelope();
        Digest d = DIGESTS.get();
        d.add(kind.typeName()).add(e.object()).add(e.pageId()).add(e.senderId()).add(e.senderUserRef())
                .add(e.recipientId()).add(e.timestamp()).add(e.standby() ? 1 : 0);
        kind.digestContent(event, d);
        return "d:" + d.finish();
    }

    /**
     * {@code <prefix>:<page>:<sender>:<watermark>:<timestamp>}, or null when an id is missing or not
     * a plain token (then the digest is used, so keys stay unambiguous).
     */
    static String receipt(String prefix, WebhookEvent event, long watermark) {
        String page = event.pageId();
        String sender = event.senderId();
        if (!isToken(page) || !isToken(sender)) {
            return null;
        }
        String key = prefix + ':' + page + ':' + sender + ':' + watermark + ':' + event.timestamp();
        return key.length() <= MAX_KEY_LENGTH ? key : null;
    }

    private static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code <prefix>:<id>}, or a digest of the id when it is long or not printable ASCII. */
    static String withId(String prefix, String id) {
        if (id.length() + prefix.length() + 1 <= MAX_KEY_LENGTH && isAscii(id)) {
            return prefix + ":" + id;
        }
        Digest d = DIGESTS.get();
        d.add(id);
        return prefix + "#" + d.finish();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    // One digest per thread: looking up a MessageDigest costs more than hashing a small event.
    private static final ThreadLocal<Digest> DIGESTS = ThreadLocal.withInitial(Digest::new);

    /**
     * SHA-256 over a sequence of fields, each written unambiguously (a tag, then its length and
     * UTF-8 bytes), through a small reused buffer.
     */
    static final class Digest {
        private final MessageDigest sha256;
        private final byte[] buffer = new byte[256];
        private int used;

        Digest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
            }
        }

        Digest add(String value) {
            if (value == null) {
                put((byte) 0);
                return this;
            }
            put((byte) 1);
            if (isAscii(value)) {
                add(value.length());
                for (int i = 0; i < value.length(); i++) {
                    put((byte) value.charAt(i));
                }
            } else {
                // Rare in keys (identifiers are ASCII); the length prefix counts bytes either way.
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                add(bytes.length);
                flush();
                sha256.update(bytes);
            }
            return this;
        }

        Digest add(long value) {
            put((byte) 2);
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((byte) (value >>> shift));
            }
            return this;
        }

        private void put(byte b) {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = b;
        }

        private void flush() {
            sha256.update(buffer, 0, used);
            used = 0;
        }

        /** The digest of everything added, base64url without padding; resets for the next key. */
        String finish() {
            flush();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256.digest());
        }
    }
}
