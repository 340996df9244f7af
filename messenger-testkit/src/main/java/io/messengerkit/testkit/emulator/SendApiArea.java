package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.emulator.Model.CustomerRecord;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.emulator.TranscriptEntry.Direction;
import io.messengerkit.testkit.emulator.TranscriptEntry.Kind;
import io.messengerkit.testkit.trigger.TestEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The Send API, {@code POST /me/messages} and {@code POST /{page-id}/messages} with the page's
 * token: messages and sender actions, checked against Meta's rules (messaging type and tags, text
 * and quick-reply limits, a PSID known to the page, the 24-hour window, the per-second rate limits)
 * and recorded in the conversation's transcript.
 */
final class SendApiArea implements GraphArea {
    static final Set<String> SENDER_ACTIONS = Set.of("typing_on", "typing_off", "mark_seen", "react", "unreact");
    static final Set<String> RETIRED_TAGS = Set.of("CONFIRMED_EVENT_UPDATE", "POST_PURCHASE_UPDATE", "ACCOUNT_UPDATE");
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration HUMAN_AGENT_WINDOW = Duration.ofDays(7);
    static final int TEXT_LIMIT = 2000;
    static final int QUICK_REPLY_LIMIT = 13;

    /** A text message a page sent, for its echo webhook. */
    record SentText(String pageId, String psid, String mid, String text, String metadata) {
    }

    private final World world;
    private final GraphAuth auth;
    private final Transcripts transcripts;
    private final SendRateLimits rateLimits;
    private final Consumer<SentText> onSentText;
    private final InstagramSendArea instagram;
    private final String appId;
    private final boolean humanAgentFeature;

    /**
     * @param onSentText told of every text message sent, while the {@link World} lock is held: it
     *     must hand any network work to another thread
     */
    SendApiArea(World world, GraphAuth auth, Transcripts transcripts, SendRateLimits rateLimits,
            Consumer<SentText> onSentText, String appId, boolean humanAgentFeature) {
        this.appId = appId;
        this.humanAgentFeature = humanAgentFeature;
        this.world = world;
        this.auth = auth;
        this.transcripts = transcripts;
        this.rateLimits = rateLimits;
        this.onSentText = onSentText;
        this.instagram = new InstagramSendArea(world, transcripts, rateLimits, onSentText);
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("messages", Set.of("POST"), this::send);
    }

    private Map<String, Object> send(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        if (instagram.handles(r, page)) {
            return instagram.send(r, token, page);
        }
        GraphAuth.requireScope(token, "pages_messaging");
        JsonNode recipient = r.jsonParam("recipient");
        if (recipient == null || !recipient.isObject() || !recipient.hasNonNull("id")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter recipient is required"));
        }
        String psid = recipient.get("id").asText();
        JsonNode message = r.jsonParam("message");
        String senderAction = r.param("sender_action");
        if (message != null && senderAction != null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "sender_action cannot be sent with message; send it as a separate request"));
        }
        if (message == null && senderAction == null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("Must send either message or sender_action"));
        }
        String messagingType = r.param("messaging_type");
        String tag = r.param("tag");
        String attachmentType = null;
        List<String> quickReplyTitles = List.of();
        String text = null;
        if (message != null) {
            if (!message.isObject()) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter("param message must be an object"));
            }
            checkMessagingType(messagingType, tag);
            text = message.hasNonNull("text") ? message.get("text").asText() : null;
            attachmentType = attachmentType(message.get("attachment"));
            if (attachmentType != null) {
                checkAttachment(page.id, message.get("attachment"));
            }
            if ("CUSTOMER_FEEDBACK".equals(tag) && !"template:customer_feedback".equals(attachmentType)) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "The CUSTOMER_FEEDBACK tag may only be used with the customer feedback template"));
            }
            boolean sticker = message.hasNonNull("sticker_id");
            if (text == null && attachmentType == null && !sticker) {
                throw new GraphErrorException(new EmulatedGraphError(400, 100, 2018034, "OAuthException",
                        "(#100) Message cannot be empty, must provide valid attachment or text", null));
            }
            if (text != null && text.codePointCount(0, text.length()) > TEXT_LIMIT) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "Length of param message[text] must be less than or equal to " + TEXT_LIMIT));
            }
            if (message.hasNonNull("metadata") && message.get("metadata").asText().length() > 1000) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "Length of param message[metadata] must be less than or equal to 1000"));
            }
            quickReplyTitles = quickReplies(message.get("quick_replies"));
        } else if (!SENDER_ACTIONS.contains(senderAction)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param sender_action must be one of {typing_on, typing_off, mark_seen, react, unreact} - got \""
                            + senderAction + "\""));
        }
        CustomerRecord customer = world.customer(page.id, psid);
        if (customer == null) {
            throw new GraphErrorException(EmulatedGraphError.noMatchingUser());
        }
        String persona = r.param("persona_id");
        if (persona != null && senderAction != null && !senderAction.startsWith("typing_")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "persona_id is accepted only with typing_on and typing_off sender actions"));
        }
        if (persona != null) {
            World.PersonaRecord p = world.persona(persona);
            if (p == null || !p.pageId().equals(page.id)) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter("Invalid persona_id " + persona));
            }
        }
        String owner = world.threadOwner(page.id, psid);
        if (owner != null && !owner.equals(appId)) {
            throw RoutingArea.notOwner();
        }
        if (owner != null && message != null) {
            world.threadActive(page.id, psid);
        }
        Instant now = world.now();
        boolean tagWindow = "MESSAGE_TAG".equals(messagingType)
                && ("CUSTOMER_FEEDBACK".equals(tag) || humanAgentFeature);
        Duration window = tagWindow ? HUMAN_AGENT_WINDOW : WINDOW;
        if (customer.lastInboundAt == null || now.isAfter(customer.lastInboundAt.plus(window))) {
            throw new GraphErrorException(EmulatedGraphError.outsideWindow());
        }
        boolean videoTemplate = "template:media".equals(attachmentType) && message != null
                && "video".equals(message.path("attachment").path("payload").path("elements").path(0)
                        .path("media_type").asText());
        rateLimits.admit(page.id, "audio".equals(attachmentType) || "video".equals(attachmentType) || videoTemplate,
                now);

        Map<String, Object> response = new LinkedHashMap<>();
        response.put("recipient_id", psid);
        if (message == null) {
            transcripts.append(page.id, psid, sequence -> new TranscriptEntry(sequence, now, Direction.OUTBOUND,
                    Kind.SENDER_ACTION, null, null, senderAction, List.of(), null, null, null, null, null));
            return response;
        }
        String mid = TestEvent.newMid();
        String sentText = text;
        String sentAttachment = attachmentType;
        List<String> sentQuickReplies = quickReplyTitles;
        TranscriptEntry entry = transcripts.append(page.id, psid, sequence -> new TranscriptEntry(sequence, now,
                Direction.OUTBOUND, Kind.MESSAGE, mid, sentText, null, sentQuickReplies, sentAttachment, null,
                messagingType, tag, message.toString()));
        response.put("message_id", mid);
        if (text != null) {
            onSentText.accept(new SentText(page.id, psid, mid, text,
                    message.hasNonNull("metadata") ? message.get("metadata").asText() : null));
        }
        if (message.path("attachment").path("payload").path("is_reusable").asBoolean(false)
                && AttachmentsArea.TYPES.contains(attachmentType)) {
            response.put("attachment_id", world.saveAttachment(page.id, attachmentType, attachmentType + "/*", 0).id());
        }
        return response;
    }

    /** A message needs {@code messaging_type}; {@code MESSAGE_TAG} needs a current tag (only {@code HUMAN_AGENT}). */
    private static void checkMessagingType(String messagingType, String tag) {
        if (messagingType == null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter messaging_type is required"));
        }
        if (!Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG").contains(messagingType)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG} - got \""
                            + messagingType + "\""));
        }
        if (messagingType.equals("MESSAGE_TAG")) {
            if (tag == null) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "The parameter tag is required when messaging_type is MESSAGE_TAG"));
            }
            if (RETIRED_TAGS.contains(tag)) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "The message tag " + tag + " is no longer supported."));
            }
            if (!tag.equals("HUMAN_AGENT") && !tag.equals("CUSTOMER_FEEDBACK")) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "Param tag must be one of {HUMAN_AGENT, CUSTOMER_FEEDBACK} - got \"" + tag + "\""));
            }
        }
    }

    /** The attachment's type ({@code template:<template_type>} for templates), or null without one. */
    private static String attachmentType(JsonNode attachment) {
        if (attachment == null || !attachment.isObject()) {
            return null;
        }
        String type = attachment.path("type").asText(null);
        if (type == null) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("param message[attachment][type] is required"));
        }
        if (!Set.of("image", "audio", "video", "file", "template").contains(type)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param message[attachment][type] must be one of {image, audio, video, file, template}"));
        }
        JsonNode payload = attachment.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[attachment][payload] is required"));
        }
        return type.equals("template") ? "template:" + payload.path("template_type").asText("unknown") : type;
    }

    /** A saved attachment must exist and belong to this page; a template must follow Meta's rules. */
    private void checkAttachment(String pageId, JsonNode attachment) {
        String type = attachment.path("type").asText();
        JsonNode payload = attachment.path("payload");
        if (type.equals("template")) {
            Templates.check(payload, id -> {
                World.AttachmentRecord a = world.attachment(id);
                return a != null && a.pageId().equals(pageId);
            });
            return;
        }
        if (payload.hasNonNull("attachment_id")) {
            World.AttachmentRecord saved = world.attachment(payload.get("attachment_id").asText());
            if (saved == null || !saved.pageId().equals(pageId)) {
                throw AttachmentsArea.error(2018074, "Attachment with this id doesn't exist or belongs to another page");
            }
            if (!saved.type().equals(type)) {
                throw AttachmentsArea.error(2018047, "The attachment " + saved.id() + " is a " + saved.type()
                        + ", not a " + type);
            }
        } else if (!payload.hasNonNull("url")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[attachment][payload] needs a url or an attachment_id"));
        }
    }

    /** The titles of the quick replies offered (the content type for phone and email ones). */
    private static List<String> quickReplies(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("param message[quick_replies] must be an array"));
        }
        if (node.size() > QUICK_REPLY_LIMIT) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[quick_replies] must have at most " + QUICK_REPLY_LIMIT + " elements"));
        }
        List<String> titles = new ArrayList<>();
        for (JsonNode reply : node) {
            String type = reply.path("content_type").asText("text");
            if (!Set.of("text", "user_phone_number", "user_email").contains(type)) {
                throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                        "param message[quick_replies][content_type] must be one of {text, user_phone_number, user_email}"));
            }
            String title = reply.path("title").asText("");
            if (type.equals("text")) {
                checkTextQuickReply(reply, title);
            }
            titles.add(title.isEmpty() ? type : title);
        }
        return titles;
    }

    private static void checkTextQuickReply(JsonNode reply, String title) {
        if (title.isEmpty() && !reply.hasNonNull("image_url")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[quick_replies][title] is required"));
        }
        if (title.codePointCount(0, title.length()) > 20) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Length of param message[quick_replies][title] must be less than or equal to 20"));
        }
        if (!reply.hasNonNull("payload") && !reply.hasNonNull("image_url")) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "param message[quick_replies][payload] is required"));
        }
        if (reply.path("payload").asText("").length() > 1000) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Length of param message[quick_replies][payload] must be less than or equal to 1000"));
        }
    }
}
