package io.messengerkit.benchmarks;

import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook deliveries every implementation is measured on, with the headers Meta would send.
 * Bodies are pure ASCII (non-ASCII text arrives as {@code \\uXXXX} escapes, as Meta sends it) and are
 * signed with a made-up app secret.
 */
public enum Payload {
    /** One entry, one text message. */
    SINGLE_MESSAGE(1, Deliveries::singleMessage),
    /** Ten entries (ten pages), one text message each. */
    BATCH_10_ENTRIES(10, Deliveries::batchOfTenEntries),
    /** A message with image, video and file attachments, then a quick-reply tap: two events. */
    ATTACHMENTS_QUICK_REPLY(2, Deliveries::attachmentsAndQuickReply),
    /** Five entries of ten events each: long multi-script texts, echoes, deliveries, reads, ... */
    MIXED_50_UNICODE(50, Deliveries::mixedFiftyEvents);

    private final int events;
    private final byte[] body;
    private final String signature256;
    private final String signature1;

    Payload(int events, Function<Deliveries, String> shape) {
        this.events = events;
        this.body = shape.apply(new Deliveries()).getBytes(StandardCharsets.US_ASCII);
        this.signature256 = "sha256=" + Deliveries.APP_SECRET.hmacSha256Hex(body);
        this.signature1 = "sha1=" + hmacSha1Hex(body);
    }

    /** The made-up app secret every body is signed with. */
    public static AppSecret appSecret() {
        return Deliveries.APP_SECRET;
    }

    /** How many messaging events the body carries (every entry, every event). */
    public int events() {
        return events;
    }

    /** The raw body bytes exactly as signed. Callers must not modify the array. */
    public byte[] body() {
        return body;
    }

    /** The {@code X-Hub-Signature-256} header value for {@link #body()}. */
    public String signature256() {
        return signature256;
    }

    /** The legacy {@code X-Hub-Signature} (sha1) header value, the only one messenger4j 1.1.0 checks. */
    public String signature1() {
        return signature1;
    }

    private static String hmacSha1Hex(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(Deliveries.APP_SECRET.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
        }
    }
}
