package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Meta's rules for template payloads, as the Send API checks them: the current template types
 * (generic, button, media, receipt, product, coupon, customer_feedback, image_grid, instant_form
 * and the notification_messages opt-in request), their required fields and limits, and the
 * button types. A broken template is answered with code 100 naming the field.
 */
final class Templates {
    static final Set<String> TYPES = Set.of("generic", "button", "media", "receipt", "product", "coupon",
            "customer_feedback", "image_grid", "instant_form", "notification_messages");
    static final Set<String> BUTTON_TYPES = Set.of("web_url", "postback", "phone_number", "account_link",
            "account_unlink", "game_play");

    private Templates() {
    }

    private static GraphErrorException invalid(String message) {
        return new GraphErrorException(EmulatedGraphError.invalidParameter(message));
    }

    private static void max(JsonNode node, String field, int limit, boolean required, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            if (required) {
                throw invalid("param " + where + "[" + field + "] is required");
            }
            return;
        }
        String text = v.asText();
        if (text.codePointCount(0, text.length()) > limit) {
            throw invalid("Length of param " + where + "[" + field + "] must be less than or equal to " + limit);
        }
    }

    private static JsonNode array(JsonNode node, String field, int min, int maxCount, String where) {
        JsonNode a = node.path(field);
        int size = a.isArray() ? a.size() : 0;
        if (!a.isArray() && min == 0 && a.isMissingNode()) {
            return a;
        }
        if (size < min || size > maxCount) {
            throw invalid("param " + where + "[" + field + "] must have " + min + " to " + maxCount + " elements");
        }
        return a;
    }

    static void check(JsonNode payload, Predicate<String> ownAttachment) {
        String type = payload.path("template_type").asText("");
        if (!TYPES.contains(type)) {
            throw invalid("Invalid template type \"" + type + "\"");
        }
        String where = "message[attachment][payload]";
        switch (type) {
            case "generic" -> {
                for (JsonNode e : array(payload, "elements", 1, 10, where)) {
                    max(e, "title", 80, true, where + "[elements]");
                    max(e, "subtitle", 80, false, where + "[elements]");
                    JsonNode buttons = array(e, "buttons", 0, 3, where + "[elements]");
                    buttons(buttons, false);
                    if (!e.hasNonNull("subtitle") && !e.hasNonNull("image_url") && !e.hasNonNull("default_action")
                            && buttons.size() == 0) {
                        throw invalid("an element needs a subtitle, image_url, default_action or buttons");
                    }
                }
            }
            case "button" -> {
                max(payload, "text", 640, true, where);
                buttons(array(payload, "buttons", 1, 3, where), false);
            }
            case "media" -> {
                JsonNode e = array(payload, "elements", 1, 1, where).get(0);
                String mediaType = e.path("media_type").asText("");
                if (!mediaType.equals("image") && !mediaType.equals("video")) {
                    throw invalid("param " + where + "[elements][media_type] must be one of {image, video}");
                }
                if (e.hasNonNull("attachment_id") == e.hasNonNull("url")) {
                    throw new GraphErrorException(new EmulatedGraphError(400, 100, 2018173, "OAuthException",
                            "(#100) A media element needs exactly one of attachment_id and url", null));
                }
                if (e.hasNonNull("attachment_id") && !ownAttachment.test(e.get("attachment_id").asText())) {
                    throw AttachmentsArea.error(2018074, "Attachment with this id doesn't exist or belongs to another page");
                }
                if (e.hasNonNull("url") && !e.get("url").asText().matches("https://(www\\.|business\\.)?facebook\\.com/.*")) {
                    throw new GraphErrorException(new EmulatedGraphError(400, 100, 2018188, "OAuthException",
                            "(#100) The media template accepts Facebook URLs only; upload the file first", null));
                }
                buttons(array(e, "buttons", 0, 3, where + "[elements]"), false);
            }
            case "receipt" -> {
                for (String f : new String[] {"recipient_name", "order_number", "currency", "payment_method"}) {
                    max(payload, f, 1000, true, where);
                }
                if (!payload.path("summary").hasNonNull("total_cost")) {
                    throw invalid("param " + where + "[summary][total_cost] is required");
                }
                for (JsonNode e : array(payload, "elements", 0, 100, where)) {
                    max(e, "title", 80, true, where + "[elements]");
                    if (!e.hasNonNull("price")) {
                        throw invalid("param " + where + "[elements][price] is required");
                    }
                }
            }
            case "product" -> {
                for (JsonNode e : array(payload, "elements", 1, 10, where)) {
                    max(e, "id", 100, true, where + "[elements]");
                }
            }
            case "coupon" -> {
                max(payload, "title", 80, true, where);
                max(payload, "subtitle", 80, false, where);
                String code = payload.path("coupon_code").asText(null);
                if (code == null && !payload.hasNonNull("coupon_url")) {
                    throw invalid("a coupon needs coupon_code or coupon_url");
                }
                if (code != null && (code.isEmpty() || code.chars().anyMatch(Character::isWhitespace))) {
                    throw invalid("param " + where + "[coupon_code] must not contain spaces");
                }
            }
            case "customer_feedback" -> customerFeedback(payload, where);
            case "image_grid" -> {
                JsonNode e = array(payload, "elements", 1, 1, where).get(0);
                max(e, "title", 45, false, where + "[elements]");
                max(e, "subtitle", 80, false, where + "[elements]");
                JsonNode images = array(e, "images", 2, 6, where + "[elements]");
                int heroes = 0;
                for (JsonNode i : images) {
                    max(i, "url", 2000, true, where + "[elements][images]");
                    heroes += i.path("is_hero_image").asBoolean(false) ? 1 : 0;
                }
                if (heroes > 1) {
                    throw invalid("an image grid has at most one hero image");
                }
                buttons(array(e, "buttons", 0, 3, where + "[elements]"), true);
            }
            case "instant_form" -> {
                if (!payload.hasNonNull("form_id")) {
                    throw new GraphErrorException(new EmulatedGraphError(400, 1, 2018382, "OAuthException",
                            "(#1) Invalid form", null));
                }
            }
            default -> {
                // notification_messages: Meta checks eligibility, not modelled here
            }
        }
    }

    private static void customerFeedback(JsonNode payload, String where) {
        max(payload, "title", 65, true, where);
        max(payload, "subtitle", 80, false, where);
        max(payload, "button_title", 20, true, where);
        JsonNode screen = array(payload, "feedback_screens", 1, 1, where).get(0);
        JsonNode q = array(screen, "questions", 1, 1, where + "[feedback_screens]").get(0);
        if (!q.path("id").asText("").matches("[A-Za-z0-9_]{1,80}")) {
            throw invalid("a question id is 1 to 80 letters, digits or '_'");
        }
        if (!Set.of("csat", "nps", "ces", "free_form").contains(q.path("type").asText(""))) {
            throw invalid("a question type is one of {csat, nps, ces, free_form}");
        }
        if (!payload.path("business_privacy").hasNonNull("url")) {
            throw invalid("param " + where + "[business_privacy][url] is required");
        }
        int days = payload.path("expires_in_days").asInt(1);
        if (days < 1 || days > 7) {
            throw invalid("param " + where + "[expires_in_days] must be between 1 and 7");
        }
    }

    private static void buttons(JsonNode buttons, boolean urlAndPostbackOnly) {
        for (JsonNode b : buttons) {
            String type = b.path("type").asText("");
            if (!BUTTON_TYPES.contains(type) || urlAndPostbackOnly && !type.equals("web_url") && !type.equals("postback")) {
                throw invalid("Invalid button type \"" + type + "\"");
            }
            if (!type.startsWith("account_")) {
                max(b, "title", 20, true, "buttons");
            }
            if ((type.equals("web_url") || type.equals("account_link")) && !b.hasNonNull("url")) {
                throw invalid("param buttons[url] is required");
            }
            if (type.equals("postback") && !b.hasNonNull("payload")) {
                throw invalid("param buttons[payload] is required");
            }
        }
    }
}
