package io.messengerkit.webhook;

import io.messengerkit.webhook.event.AccountLinkingEvent;
import io.messengerkit.webhook.event.AppRolesEvent;
import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.Envelope;
import io.messengerkit.webhook.event.MessageEditEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.OptinEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.PolicyEnforcementEvent;
import io.messengerkit.webhook.event.PostbackEvent;
import io.messengerkit.webhook.event.ReactionEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.Referral;
import io.messengerkit.webhook.event.ReferralEvent;
import io.messengerkit.webhook.event.RequestThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.TreeMap;

/**
 * The de-duplication key of an event: its message id where it has one that identifies this very
 * event, otherwise a digest over the fields that identify it. Keys depend only on the event's
 * content, never on its position in a body, so a redelivery in another batch gets the same key.
 */
final class DeduplicationKeys {
    /** Longest key handed to a ledger; longer ids are digested. */
    static final int MAX_KEY_LENGTH = 100;

    private DeduplicationKeys() {
    }

    static String of(WebhookEvent event) {
        if (event instanceof MessageEvent m && m.mid() != null) {
            return withId("m", m.mid());
        }
        if (event instanceof EchoEvent e && e.mid() != null) {
            return withId("e", e.mid());
        }
        if (event instanceof PostbackEvent p && p.mid() != null) {
            return withId("p", p.mid());
        }
        if (event instanceof MessageEditEvent x && x.mid() != null) {
            return withId("x", x.mid() + ":" + x.numEdit());
        }
        // Receipts are the most frequent events without a mid: spell their identity out, no hashing.
        if (event instanceof ReadEvent r && r.mid() == null) {
            String key = receipt("r", event, r.watermark());
            if (key != null) {
                return key;
            }
        }
        if (event instanceof DeliveryEvent v) {
            String key = receipt("v", event, v.watermark());
            if (key != null) {
                return key;
            }
        }
        Digest d = DIGESTS.get();
        canonical(d, event);
        return "d:" + d.finish();
    }

    /**
     * {@code <prefix>:<page>:<sender>:<watermark>:<timestamp>}, or null when an id is missing or not
     * a plain token (then the digest is used, so keys stay unambiguous).
     */
    private static String receipt(String prefix, WebhookEvent event, long watermark) {
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

    private static String withId(String prefix, String id) {
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

    private static void canonical(Digest b, WebhookEvent event) {
        Envelope e = event.envelope();
        b.add(event.getClass().getSimpleName());
        add(b, e.object(), e.pageId(), e.senderId(), e.senderUserRef(), e.recipientId());
        b.add(e.timestamp());
        b.add(e.standby() ? 1 : 0);
        if (event instanceof MessageEvent m) {
            add(b, m.text(), m.quickReplyPayload(), m.replyToMid(), String.valueOf(m.attachments()));
        } else if (event instanceof EchoEvent m) {
            add(b, m.text(), m.appId(), m.metadata(), String.valueOf(m.attachments()));
        } else if (event instanceof DeliveryEvent d) {
            b.add(d.watermark());
            for (String mid : d.mids()) {
                b.add(mid);
            }
        } else if (event instanceof ReadEvent r) {
            b.add(r.watermark());
            b.add(r.mid());
        } else if (event instanceof PostbackEvent p) {
            add(b, p.title(), p.payload());
            referral(b, p.referral());
        } else if (event instanceof ReferralEvent r) {
            referral(b, r.referral());
        } else if (event instanceof OptinEvent o) {
            add(b, o.type(), o.ref(), o.userRef(), o.payload(), o.notificationMessagesToken(),
                    o.notificationMessagesStatus(), o.userTokenStatus(), String.valueOf(o.tokenExpiryTimestamp()),
                    o.oneTimeNotifToken());
        } else if (event instanceof AccountLinkingEvent a) {
            add(b, a.status(), a.authorizationCode());
        } else if (event instanceof ReactionEvent r) {
            add(b, r.mid(), r.action(), r.reaction(), r.emoji());
        } else if (event instanceof MessageEditEvent x) {
            b.add(x.text());
            b.add(x.numEdit());
        } else if (event instanceof PassThreadControlEvent h) {
            add(b, h.newOwnerAppId(), h.previousOwnerAppId(), h.metadata());
        } else if (event instanceof TakeThreadControlEvent h) {
            add(b, h.previousOwnerAppId(), h.newOwnerAppId(), h.metadata());
        } else if (event instanceof RequestThreadControlEvent h) {
            add(b, h.requestedOwnerAppId(), h.metadata());
        } else if (event instanceof AppRolesEvent r) {
            b.add(new TreeMap<>(r.roles()).toString());
        } else if (event instanceof PolicyEnforcementEvent p) {
            add(b, p.action(), p.reason());
        } else if (event instanceof UnknownEvent u) {
            add(b, u.type(), u.rawJson());
        } else if (event instanceof UnparseableEvent u) {
            b.add(u.rawJson());
        }
    }

    private static void referral(Digest b, Referral r) {
        if (r != null) {
            add(b, r.ref(), r.source(), r.type(), r.adId(), r.refererUri(), r.adsContextJson());
        }
    }

    private static void add(Digest b, String... values) {
        for (String v : values) {
            b.add(v);
        }
    }

    // One digest per thread: looking up a MessageDigest costs more than hashing a small event.
    private static final ThreadLocal<Digest> DIGESTS = ThreadLocal.withInitial(Digest::new);

    /**
     * SHA-256 over a sequence of fields, each written unambiguously (a tag, then its length and
     * UTF-8 bytes), through a small reused buffer.
     */
    private static final class Digest {
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

        void add(String value) {
            if (value == null) {
                put((byte) 0);
                return;
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
        }

        void add(long value) {
            put((byte) 2);
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((byte) (value >>> shift));
            }
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
