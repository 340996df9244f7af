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
    private static final char SEP = '\u001f';

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
        return "d:" + digest(canonical(event));
    }

    private static String withId(String prefix, String id) {
        String key = prefix + ":" + id;
        return key.length() <= MAX_KEY_LENGTH && isAscii(key) ? key : prefix + "#" + digest(id);
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

    private static String canonical(WebhookEvent event) {
        StringBuilder b = new StringBuilder(128);
        Envelope e = event.envelope();
        b.append(event.getClass().getSimpleName());
        add(b, e.object(), e.pageId(), e.senderId(), e.senderUserRef(), e.recipientId(), Long.toString(e.timestamp()),
                Boolean.toString(e.standby()));
        if (event instanceof MessageEvent m) {
            add(b, m.text(), m.quickReplyPayload(), m.replyToMid(), String.valueOf(m.attachments()));
        } else if (event instanceof EchoEvent m) {
            add(b, m.text(), m.appId(), m.metadata(), String.valueOf(m.attachments()));
        } else if (event instanceof DeliveryEvent d) {
            add(b, Long.toString(d.watermark()), String.join(",", d.mids()));
        } else if (event instanceof ReadEvent r) {
            add(b, Long.toString(r.watermark()), r.mid());
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
            add(b, x.text(), Integer.toString(x.numEdit()));
        } else if (event instanceof PassThreadControlEvent h) {
            add(b, h.newOwnerAppId(), h.previousOwnerAppId(), h.metadata());
        } else if (event instanceof TakeThreadControlEvent h) {
            add(b, h.previousOwnerAppId(), h.newOwnerAppId(), h.metadata());
        } else if (event instanceof RequestThreadControlEvent h) {
            add(b, h.requestedOwnerAppId(), h.metadata());
        } else if (event instanceof AppRolesEvent r) {
            add(b, new TreeMap<>(r.roles()).toString());
        } else if (event instanceof PolicyEnforcementEvent p) {
            add(b, p.action(), p.reason());
        } else if (event instanceof UnknownEvent u) {
            add(b, u.type(), u.rawJson());
        } else if (event instanceof UnparseableEvent u) {
            add(b, u.rawJson());
        }
        return b.toString();
    }

    private static void referral(StringBuilder b, Referral r) {
        if (r != null) {
            add(b, r.ref(), r.source(), r.type(), r.adId(), r.refererUri(), r.adsContextJson());
        }
    }

    private static void add(StringBuilder b, String... values) {
        for (String v : values) {
            b.append(SEP);
            if (v == null) {
                b.append('\u0000');
            } else {
                b.append(v.length()).append(':').append(v);
            }
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
