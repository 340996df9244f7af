package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.emulator.Model.CommentRecord;
import io.messengerkit.testkit.emulator.Model.CustomerRecord;
import io.messengerkit.testkit.emulator.Model.InstagramRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.emulator.TranscriptEntry.Direction;
import io.messengerkit.testkit.emulator.TranscriptEntry.Kind;
import io.messengerkit.testkit.trigger.TestEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Send API for the Instagram account connected to a Page ({@code POST /{page-id}/messages} with
 * the Page token, recipient an IGSID or a {@code comment_id}), with Instagram's rules: text at most
 * 1,000 bytes of UTF-8; attachments image, audio, video, file, {@code like_heart},
 * {@code MEDIA_SHARE}; templates generic, button and product only, buttons {@code web_url} and
 * {@code postback} only; sender actions {@code typing_on}, {@code typing_off}, {@code mark_seen},
 * {@code react}, {@code unreact}; no personas; tag {@code HUMAN_AGENT} only; the 24-hour window
 * (7 days with {@code HUMAN_AGENT}) answered with 10/2534022; private replies once per comment,
 * within 7 days. Needs {@code instagram_manage_messages} (and {@code instagram_manage_comments}
 * for private replies) on the Page token. Conversations are kept under (Instagram account id, IGSID).
 */
final class InstagramSendArea {
    static final int TEXT_BYTES = 1000;
    static final Duration PRIVATE_REPLY_WINDOW = Duration.ofDays(7);
    static final Set<String> SENDER_ACTIONS = Set.of("typing_on", "typing_off", "mark_seen", "react", "unreact");
    static final Set<String> ATTACHMENT_TYPES = Set.of("image", "audio", "video", "file", "template", "like_heart",
            "MEDIA_SHARE");
    static final Set<String> TEMPLATES = Set.of("generic", "button", "product");

    private final World world;
    private final Transcripts transcripts;
    private final SendRateLimits rateLimits;
    private final Consumer<SendApiArea.SentText> onSentText;

    InstagramSendArea(World world, Transcripts transcripts, SendRateLimits rateLimits,
            Consumer<SendApiArea.SentText> onSentText) {
        this.world = world;
        this.transcripts = transcripts;
        this.rateLimits = rateLimits;
        this.onSentText = onSentText;
    }

    /** {@return true when the send goes to a person of the Page's Instagram account, or to a comment} */
    boolean handles(GraphRequest r, PageRecord page) {
        InstagramRecord ig = world.instagramOfPage(page.id);
        if (ig == null) {
            return false;
        }
        JsonNode recipient = r.jsonParam("recipient");
        if (recipient == null || !recipient.isObject()) {
            return false;
        }
        if (recipient.hasNonNull("comment_id")) {
            return true;
        }
        return recipient.hasNonNull("id") && world.customer(ig.id, recipient.get("id").asText()) != null
                && world.customer(page.id, recipient.get("id").asText()) == null;
    }

    Map<String, Object> send(GraphRequest r, TokenRecord token, PageRecord page) {
        return sendAs(r, world.instagramOfPage(page.id), token.scopes, "instagram_manage_messages",
                "instagram_manage_comments");
    }

    /**
     * A send as the account, through the Page (Page token scopes {@code instagram_manage_*}) or with
     * Instagram Login (Instagram user token scopes {@code instagram_business_manage_*}).
     */
    Map<String, Object> sendAs(GraphRequest r, InstagramRecord ig, Set<String> scopes, String messagesScope,
            String commentsScope) {
        requireScope(scopes, messagesScope);
        if (!ig.messagesAccessAllowed) {
            throw new GraphErrorException(new EmulatedGraphError(403, 200, 2534041, "OAuthException",
                    "(#200) The Instagram account has not allowed access to messages (Settings > Privacy >"
                            + " Messages > Connected tools)", null));
        }
        JsonNode recipient = r.jsonParam("recipient");
        if (recipient == null || !recipient.isObject()
                || !(recipient.hasNonNull("id") || recipient.hasNonNull("comment_id"))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter recipient is required"));
        }
        JsonNode message = r.jsonParam("message");
        String senderAction = r.param("sender_action");
        if (message != null && senderAction != null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "sender_action cannot be sent with message; send it as a separate request"));
        }
        if (message == null && senderAction == null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("Must send either message or sender_action"));
        }
        if (r.param("persona_id") != null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "persona_id is not supported for Instagram messaging"));
        }
        String tag = r.param("tag");
        if (tag != null && !tag.equals("HUMAN_AGENT")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param tag must be one of {HUMAN_AGENT} - got \"" + tag + "\""));
        }
        Instant now = world.now();
        if (recipient.hasNonNull("comment_id")) {
            if (message == null) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "a private reply carries a message, not a sender_action"));
            }
            requireScope(scopes, commentsScope);
            return privateReply(ig, recipient.get("comment_id").asText(), message, now);
        }
        String igsid = recipient.get("id").asText();
        CustomerRecord customer = world.customer(ig.id, igsid);
        if (customer == null) {
            throw new GraphErrorException(new EmulatedGraphError(400, 100, 2534014, "OAuthException",
                    "(#100) No matching Instagram user", null));
        }
        if (senderAction != null) {
            checkSenderAction(senderAction, r.jsonParam("payload"));
        }
        String attachmentType = message == null ? null : checkMessage(message);
        Duration window = "MESSAGE_TAG".equals(r.param("messaging_type")) ? SendApiArea.HUMAN_AGENT_WINDOW
                : SendApiArea.WINDOW;
        if (customer.lastInboundAt == null || now.isAfter(customer.lastInboundAt.plus(window))) {
            throw new GraphErrorException(new EmulatedGraphError(400, 10, 2534022, "OAuthException",
                    "(#10) This message is sent outside of allowed window.", null));
        }
        rateLimits.admit(ig.id, "audio".equals(attachmentType) || "video".equals(attachmentType), now);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("recipient_id", igsid);
        if (message == null) {
            transcripts.append(ig.id, igsid, sequence -> new TranscriptEntry(sequence, now, Direction.OUTBOUND,
                    Kind.SENDER_ACTION, null, null, senderAction, List.of(), null, null, null, null, null));
            return response;
        }
        response.put("message_id", record(ig, igsid, message, attachmentType, r.param("messaging_type"), tag, null,
                now));
        return response;
    }

    private static void requireScope(Set<String> scopes, String scope) {
        if (!scopes.contains(scope)) {
            throw new GraphErrorException(EmulatedGraphError.permissionMissing(scope));
        }
    }

    private Map<String, Object> privateReply(InstagramRecord ig, String commentId, JsonNode message, Instant now) {
        CommentRecord comment = world.comment(commentId);
        if (comment == null || !comment.instagramId.equals(ig.id)) {
            throw new GraphErrorException(notEligible("the comment does not exist on this account"));
        }
        synchronized (world) {
            if (comment.privatelyReplied) {
                throw new GraphErrorException(notEligible("the comment already has a private reply"));
            }
            if (now.isAfter(comment.createdAt.plus(PRIVATE_REPLY_WINDOW))) {
                throw new GraphErrorException(notEligible("the comment is older than 7 days"));
            }
            String attachmentType = checkMessage(message);
            comment.privatelyReplied = true;
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("recipient_id", comment.authorId);
            response.put("message_id", record(ig, comment.authorId, message, attachmentType, "RESPONSE", null,
                    "comment:" + comment.id, now));
            return response;
        }
    }

    private static EmulatedGraphError notEligible(String why) {
        return new EmulatedGraphError(400, 100, 2534025, "OAuthException",
                "(#100) The comment is not eligible for a private reply: " + why, null);
    }

    private String record(InstagramRecord ig, String igsid, JsonNode message, String attachmentType,
            String messagingType, String tag, String payload, Instant now) {
        String mid = TestEvent.newMid();
        String text = message.hasNonNull("text") ? message.get("text").asText() : null;
        List<String> quickReplies = new ArrayList<>();
        message.path("quick_replies").forEach(q -> quickReplies.add(q.path("title").asText(
                q.path("content_type").asText("text"))));
        transcripts.append(ig.id, igsid, sequence -> new TranscriptEntry(sequence, now, Direction.OUTBOUND,
                Kind.MESSAGE, mid, text, null, quickReplies, attachmentType, payload, messagingType, tag,
                message.toString()));
        if (text != null) {
            onSentText.accept(new SendApiArea.SentText(ig.id, igsid, mid, text,
                    message.hasNonNull("metadata") ? message.get("metadata").asText() : null));
        }
        return mid;
    }

    private static void checkSenderAction(String action, JsonNode payload) {
        if (!SENDER_ACTIONS.contains(action)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact} - got \""
                            + action + "\""));
        }
        if ((action.equals("react") || action.equals("unreact"))
                && (payload == null || !payload.hasNonNull("message_id"))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param payload[message_id] is required for " + action));
        }
    }

    /** Checks a message against Instagram's rules; returns its attachment type (or null for text). */
    private static String checkMessage(JsonNode message) {
        if (!message.isObject()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("param message must be an object"));
        }
        String text = message.hasNonNull("text") ? message.get("text").asText() : null;
        if (text != null && text.getBytes(StandardCharsets.UTF_8).length > TEXT_BYTES) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Length of param message[text] must be less than or equal to " + TEXT_BYTES + " bytes"));
        }
        if (message.path("quick_replies").size() > SendApiArea.QUICK_REPLY_LIMIT) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[quick_replies] must have at most " + SendApiArea.QUICK_REPLY_LIMIT + " elements"));
        }
        JsonNode attachment = message.get("attachment");
        JsonNode attachments = message.get("attachments");
        if (text == null && attachment == null && attachments == null) {
            throw new GraphErrorException(new EmulatedGraphError(400, 100, 2534015, "OAuthException",
                    "(#100) Message cannot be empty, must provide valid attachment or text", null));
        }
        if (attachments != null) {
            if (!attachments.isArray() || attachments.size() > 10) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "param message[attachments] must be an array of at most 10 images"));
            }
            for (JsonNode a : attachments) {
                if (!"image".equals(a.path("type").asText())) {
                    throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                            "param message[attachments] holds images only"));
                }
            }
            return "image";
        }
        if (attachment == null) {
            return null;
        }
        String type = attachment.path("type").asText("");
        if (!ATTACHMENT_TYPES.contains(type)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param message[attachment][type] must be one of {image, audio, video, file, template, like_heart,"
                            + " MEDIA_SHARE} for Instagram - got \"" + type + "\""));
        }
        if (!type.equals("template")) {
            return type;
        }
        JsonNode payload = attachment.path("payload");
        String templateType = payload.path("template_type").asText("unknown");
        if (!TEMPLATES.contains(templateType)) {
            throw new GraphErrorException(new EmulatedGraphError(400, 100, 2534015, "OAuthException",
                    "(#100) The " + templateType + " template is not supported on Instagram", null));
        }
        List<JsonNode> buttons = new ArrayList<>();
        payload.path("buttons").forEach(buttons::add);
        payload.path("elements").forEach(e -> e.path("buttons").forEach(buttons::add));
        for (JsonNode b : buttons) {
            String buttonType = b.path("type").asText("");
            if (!buttonType.equals("web_url") && !buttonType.equals("postback")) {
                throw new GraphErrorException(new EmulatedGraphError(400, 100, 2534015, "OAuthException",
                        "(#100) Button type " + buttonType + " is not supported on Instagram", null));
            }
        }
        return "template:" + templateType;
    }
}
