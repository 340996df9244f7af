package io.messengerkit.benchmarks;

import io.messengerkit.AppSecret;
import java.util.List;
import java.util.Random;

/**
 * Builds real-shaped Messenger webhook bodies (the envelopes and event shapes of Meta's webhook
 * reference) from a fixed seed, so every run and every implementation sees the same bytes.
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
        MetaJson json = begin();
        String page = pageId(0);
        entry(json, page, () -> text(json, psid(), page, "Hi! Is the shop open on Sunday?"));
        return end(json);
    }

    /** Ten entries, one per page, each with one text message: a busy app serving many pages. */
    String batchOfTenEntries() {
        MetaJson json = begin();
        for (int p = 0; p < 10; p++) {
            String page = pageId(p);
            int n = p;
            entry(json, page, () -> text(json, psid(), page, "Order #" + (41_000 + n) + ": where is my parcel?"));
        }
        return end(json);
    }

    /** A message with image, video and file attachments, then the person's quick-reply tap. */
    String attachmentsAndQuickReply() {
        MetaJson json = begin();
        String page = pageId(0);
        String user = psid();
        entry(json, page, () -> {
            attachments(json, user, page);
            quickReply(json, user, page, "Yes, deliver tomorrow", "DELIVERY_SLOT_TOMORROW_AM");
        });
        return end(json);
    }

    /**
     * Fifty events over five pages: long multi-script texts, echoes sent by this app, deliveries,
     * reads, postbacks, attachments, quick replies and reactions, in the order Meta might batch them.
     */
    String mixedFiftyEvents() {
        MetaJson json = begin();
        for (int p = 0; p < 5; p++) {
            String page = pageId(p);
            entry(json, page, () -> {
                String user = psid();
                text(json, user, page, longText());
                text(json, psid(), page, longText());
                echo(json, page, user, longText());
                delivery(json, user, page);
                text(json, psid(), page, longText());
                postback(json, user, page);
                read(json, user, page);
                attachments(json, psid(), page);
                quickReply(json, user, page, "Oui, à 20 h 👍", "CONFIRM_BOOKING");
                reaction(json, user, page);
            });
        }
        return end(json);
    }

    private MetaJson begin() {
        MetaJson json = new MetaJson().beginObject().field("object", "page").name("entry").beginArray();
        return json;
    }

    private static String end(MetaJson json) {
        return json.endArray().endObject().toJson();
    }

    private void entry(MetaJson json, String pageId, Runnable events) {
        json.beginObject().field("id", pageId).field("time", time()).name("messaging").beginArray();
        events.run();
        json.endArray().endObject();
    }

    private void envelope(MetaJson json, String sender, String recipient) {
        json.beginObject()
                .name("sender").beginObject().field("id", sender).endObject()
                .name("recipient").beginObject().field("id", recipient).endObject()
                .field("timestamp", time());
    }

    private void text(MetaJson json, String user, String page, String text) {
        envelope(json, user, page);
        json.name("message").beginObject().field("mid", mid()).field("text", text).endObject();
        json.endObject();
    }

    private void quickReply(MetaJson json, String user, String page, String text, String payload) {
        envelope(json, user, page);
        json.name("message").beginObject()
                .field("mid", mid())
                .field("text", text)
                .name("quick_reply").beginObject().field("payload", payload).endObject()
                .endObject();
        json.endObject();
    }

    private void attachments(MetaJson json, String user, String page) {
        envelope(json, user, page);
        json.name("message").beginObject().field("mid", mid()).name("attachments").beginArray();
        attachment(json, "image", cdnUrl("jpg"));
        attachment(json, "video", cdnUrl("mp4"));
        attachment(json, "file", cdnUrl("pdf"));
        json.endArray().endObject();
        json.endObject();
    }

    private static void attachment(MetaJson json, String type, String url) {
        json.beginObject().field("type", type).name("payload").beginObject().field("url", url).endObject().endObject();
    }

    private void echo(MetaJson json, String page, String user, String text) {
        envelope(json, page, user);
        json.name("message").beginObject()
                .field("is_echo", true)
                .field("app_id", Long.parseLong(APP_ID))
                .field("metadata", "reply-pipeline")
                .field("mid", mid())
                .field("text", text)
                .endObject();
        json.endObject();
    }

    private void delivery(MetaJson json, String user, String page) {
        envelope(json, user, page);
        long watermark = time();
        json.name("delivery").beginObject()
                .name("mids").beginArray().value(mid()).value(mid()).endArray()
                .field("watermark", watermark)
                .endObject();
        json.endObject();
    }

    private void read(MetaJson json, String user, String page) {
        envelope(json, user, page);
        json.name("read").beginObject().field("watermark", time()).endObject();
        json.endObject();
    }

    private void postback(MetaJson json, String user, String page) {
        envelope(json, user, page);
        json.name("postback").beginObject()
                .field("title", "Réserver une table")
                .field("payload", "BOOK_TABLE")
                .field("mid", mid())
                .endObject();
        json.endObject();
    }

    private void reaction(MetaJson json, String user, String page) {
        envelope(json, user, page);
        json.name("reaction").beginObject()
                .field("reaction", "love")
                .field("emoji", "❤")
                .field("action", "react")
                .field("mid", mid())
                .endObject();
        json.endObject();
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
