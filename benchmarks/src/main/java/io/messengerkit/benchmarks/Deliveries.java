package io.messengerkit.benchmarks;

import static io.messengerkit.testkit.json.MetaStyleJson.object;

import io.messengerkit.AppSecret;
import io.messengerkit.testkit.json.MetaStyleJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Builds real-shaped Messenger webhook bodies (the envelopes and event shapes of Meta's webhook
 * reference) from a fixed seed, so every run and every implementation sees the same bytes. The
 * testkit's {@link MetaStyleJson} writes them as Meta does: pure ASCII, so the signed bytes differ
 * from what a re-serialising JSON library would produce, exactly the case the signature check has
 * to get right.
 */
final class Deliveries {
    /** Made up: benchmark bodies are signed with it and nothing else is. */
    static final AppSecret APP_SECRET = AppSecret.of("bench-only-app-secret-5e1f0c3a9b7d");
    static final String APP_ID = "1517238094451193";
    private static final long BASE_TIME = 1_795_000_000_000L;
    private static final String MID_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Customer-service style sentences in several scripts: Latin with diacritics, Greek, Cyrillic,
    // CJK, Arabic, Devanagari, Hangul and emoji outside the BMP (surrogate pairs once escaped).
    private static final List<String> PHRASES = List.of(
            "Bonjour, je voudrais réserver une table pour deux à 20 h, près de la fenêtre si possible. ",
            "Grüße aus München! Können Sie mir die Öffnungszeiten für Samstag schicken? ",
            "Γειά σου! Θα ήθελα να μάθω αν το προϊόν είναι ακόμα διαθέσιμο στο κατάστημα. ",
            "Здравствуйте! Подскажите, пожалуйста, когда будет доставка моего заказа? ",
            "こんにちは、注文番号を確認していただけますか？よろしくお願いします。",
            "你好，我想查询一下我的订单状态，另外可以开发票吗？谢谢！",
            "مرحبا، أريد تغيير عنوان التوصيل من فضلك، شكرا جزيلا. ",
            "नमस्ते, क्या आप मेरे ऑर्डर में मदद कर सकते हैं? ",
            "Olá! Vocês entregam em São Paulo amanhã de manhã? ",
            "안녕하세요, 환불 절차를 알려주세요. 감사합니다! ",
            "Thanks a lot 😀🎉👍 see you soon ❤️ ",
            "¿Podrían confirmar la talla? Necesito el número 42, por favor. ");

    private final Random random = new Random(20261125L);
    private int sequence;

    /** One text message from one person to one page. */
    String singleMessage() {
        List<Object> entries = new ArrayList<>();
        String page = pageId(0);
        entry(entries, page, events -> events.add(text(psid(), page, "Hi! Is the shop open on Sunday?")));
        return body(entries);
    }

    /** Ten entries, one per page, each with one text message: a busy app serving many pages. */
    String batchOfTenEntries() {
        List<Object> entries = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            String page = pageId(p);
            int n = p;
            entry(entries, page,
                    events -> events.add(text(psid(), page, "Order #" + (41_000 + n) + ": where is my parcel?")));
        }
        return body(entries);
    }

    /** A message with image, video and file attachments, then the person's quick-reply tap. */
    String attachmentsAndQuickReply() {
        List<Object> entries = new ArrayList<>();
        String page = pageId(0);
        String user = psid();
        entry(entries, page, events -> {
            events.add(attachments(user, page));
            events.add(quickReply(user, page, "Yes, deliver tomorrow", "DELIVERY_SLOT_TOMORROW_AM"));
        });
        return body(entries);
    }

    /**
     * Fifty events over five pages: long multi-script texts, echoes sent by this app, deliveries,
     * reads, postbacks, attachments, quick replies and reactions, in the order Meta might batch them.
     */
    String mixedFiftyEvents() {
        List<Object> entries = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            String page = pageId(p);
            entry(entries, page, events -> {
                String user = psid();
                events.add(text(user, page, longText()));
                events.add(text(psid(), page, longText()));
                events.add(echo(page, user, longText()));
                events.add(delivery(user, page));
                events.add(text(psid(), page, longText()));
                events.add(postback(user, page));
                events.add(read(user, page));
                events.add(attachments(psid(), page));
                events.add(quickReply(user, page, "Oui, à 20 h 👍", "CONFIRM_BOOKING"));
                events.add(reaction(user, page));
            });
        }
        return body(entries);
    }

    private static String body(List<Object> entries) {
        return MetaStyleJson.string(object("object", "page", "entry", entries));
    }

    /** Adds the page's entry; its time is taken before its events are made, as in a real batch. */
    private void entry(List<Object> entries, String pageId, Consumer<List<Object>> events) {
        List<Object> messaging = new ArrayList<>();
        entries.add(object("id", pageId, "time", time(), "messaging", messaging));
        events.accept(messaging);
    }

    /** The sender, recipient and timestamp every event starts with; the event's own member follows. */
    private Map<String, Object> event(String sender, String recipient) {
        return object("sender", object("id", sender), "recipient", object("id", recipient), "timestamp", time());
    }

    private Map<String, Object> text(String user, String page, String text) {
        Map<String, Object> event = event(user, page);
        event.put("message", object("mid", mid(), "text", text));
        return event;
    }

    private Map<String, Object> quickReply(String user, String page, String text, String payload) {
        Map<String, Object> event = event(user, page);
        event.put("message", object("mid", mid(), "text", text, "quick_reply", object("payload", payload)));
        return event;
    }

    private Map<String, Object> attachments(String user, String page) {
        Map<String, Object> event = event(user, page);
        event.put("message", object("mid", mid(), "attachments", List.of(
                attachment("image", cdnUrl("jpg")),
                attachment("video", cdnUrl("mp4")),
                attachment("file", cdnUrl("pdf")))));
        return event;
    }

    private static Map<String, Object> attachment(String type, String url) {
        return object("type", type, "payload", object("url", url));
    }

    private Map<String, Object> echo(String page, String user, String text) {
        Map<String, Object> event = event(page, user);
        event.put("message", object("is_echo", true, "app_id", Long.parseLong(APP_ID), "metadata", "reply-pipeline",
                "mid", mid(), "text", text));
        return event;
    }

    private Map<String, Object> delivery(String user, String page) {
        Map<String, Object> event = event(user, page);
        long watermark = time();
        event.put("delivery", object("mids", List.of(mid(), mid()), "watermark", watermark));
        return event;
    }

    private Map<String, Object> read(String user, String page) {
        Map<String, Object> event = event(user, page);
        event.put("read", object("watermark", time()));
        return event;
    }

    private Map<String, Object> postback(String user, String page) {
        Map<String, Object> event = event(user, page);
        event.put("postback", object("title", "Réserver une table", "payload", "BOOK_TABLE", "mid", mid()));
        return event;
    }

    private Map<String, Object> reaction(String user, String page) {
        Map<String, Object> event = event(user, page);
        event.put("reaction", object("reaction", "love", "emoji", "❤", "action", "react", "mid", mid()));
        return event;
    }

    private String longText() {
        int target = 600 + random.nextInt(1200);
        StringBuilder text = new StringBuilder(target + 100);
        while (text.length() < target) {
            text.append(PHRASES.get(random.nextInt(PHRASES.size())));
        }
        // Messenger caps a text at 2,000 characters; never cut a surrogate pair in half.
        int end = Math.min(text.length(), 2000);
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip();
    }

    private String cdnUrl(String extension) {
        return "https://scontent.xx.fbcdn.net/v/t1.15752-9/" + digits(18) + "_" + digits(15) + "_n." + extension
                + "?_nc_cat=1&ccb=1-7&_nc_sid=fc17b8&_nc_ohc=" + token(11) + "&oh=03_" + token(40) + "&oe=6A1B2C3D";
    }

    private static String pageId(int n) {
        return String.valueOf(1_047_382_915_568_201L + 7_919L * n);
    }

    private String psid() {
        return "7" + digits(15);
    }

    private String mid() {
        return "m_" + token(86);
    }

    private long time() {
        return BASE_TIME + 1_237L * sequence++;
    }

    private String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private String token(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(MID_ALPHABET.charAt(random.nextInt(MID_ALPHABET.length())));
        }
        return s.toString();
    }
}
