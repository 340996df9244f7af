package io.messengerkit.send;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What the Instagram Send API accepts, checked before a call so an unsupported send fails at once
 * with an {@link UnsupportedOnInstagramException} naming the feature, instead of a Graph error after
 * a round trip.
 *
 * <p>The rules, from Meta's Instagram messaging pages (see {@code docs/instagram.md}):
 * <ul>
 *   <li>text at most {@value #TEXT_BYTES} bytes of UTF-8 (not characters);</li>
 *   <li>templates: generic (up to 10 elements) and button; their buttons {@code web_url} and
 *       {@code postback} only; every other template type is refused;</li>
 *   <li>sender actions: {@code typing_on}, {@code typing_off}, {@code mark_seen};</li>
 *   <li>recipients: an Instagram-scoped id, or a {@code comment_id} for a private reply
 *       ({@code user_ref} and {@code post_id} are Messenger-only);</li>
 *   <li>message tags: {@code HUMAN_AGENT} only; no personas; no {@code notification_type}.</li>
 * </ul>
 */
public final class InstagramRules {
    /** The most bytes of UTF-8 an Instagram text message may carry. */
    public static final int TEXT_BYTES = 1000;

    private static final Set<SenderAction> ACTIONS = Set.of(SenderAction.TYPING_ON, SenderAction.TYPING_OFF,
            SenderAction.MARK_SEEN);

    private InstagramRules() {
    }

    /**
     * Checks a send against the Instagram rules.
     *
     * @param request the send
     * @throws UnsupportedOnInstagramException when Instagram would refuse it
     */
    public static void check(SendRequest request) {
        checkRecipient(request.recipient());
        if (request.tag() != null && !MessageTag.HUMAN_AGENT.equals(request.tag())) {
            throw new UnsupportedOnInstagramException("tag " + request.tag().value(),
                    "Instagram accepts only the HUMAN_AGENT message tag, not " + request.tag().value());
        }
        if (request.personaId() != null) {
            throw new UnsupportedOnInstagramException("persona_id", "personas are a Messenger feature;"
                    + " Instagram messages come from the account");
        }
        if (request.notificationType() != null) {
            throw new UnsupportedOnInstagramException("notification_type",
                    "notification_type is a Messenger feature; Instagram does not take it");
        }
        checkMessage(request.message());
    }

    /**
     * Checks a message body against the Instagram rules.
     *
     * @param message the message
     * @throws UnsupportedOnInstagramException when Instagram would refuse it
     */
    public static void checkMessage(Message message) {
        if (message.text() != null) {
            int bytes = message.text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > TEXT_BYTES) {
                throw new UnsupportedOnInstagramException("text over " + TEXT_BYTES + " bytes",
                        "Instagram text is limited to " + TEXT_BYTES + " bytes of UTF-8; this text has " + bytes);
            }
        }
        if (message.attachment() instanceof TemplateAttachment t) {
            java.util.List<Button> buttons = new java.util.ArrayList<>();
            if (t.template() instanceof GenericTemplate generic) {
                generic.elements().forEach(e -> buttons.addAll(e.buttons()));
            } else if (t.template() instanceof ButtonTemplate button) {
                buttons.addAll(button.buttons());
            } else {
                String name = templateName(t.template());
                throw new UnsupportedOnInstagramException(name, "Instagram renders the generic and button"
                        + " templates; " + name + " is not supported there");
            }
            for (Button b : buttons) {
                if (!(b instanceof Button.Url || b instanceof Button.Postback)) {
                    throw new UnsupportedOnInstagramException(buttonName(b), "Instagram templates take only"
                            + " web_url and postback buttons, not " + buttonName(b));
                }
            }
        }
    }

    /**
     * Checks a sender action against the Instagram rules.
     *
     * @param action the action
     * @throws UnsupportedOnInstagramException when Instagram would refuse it
     */
    public static void checkSenderAction(SenderAction action) {
        if (!ACTIONS.contains(action)) {
            throw new UnsupportedOnInstagramException("sender_action " + action.wireName(),
                    "Instagram takes the sender actions typing_on, typing_off and mark_seen, not "
                            + action.wireName());
        }
    }

    /**
     * Checks a recipient against the Instagram rules.
     *
     * @param recipient the recipient
     * @throws UnsupportedOnInstagramException for {@code user_ref} and {@code post_id} recipients
     */
    public static void checkRecipient(Recipient recipient) {
        if (recipient.userRef() != null) {
            throw new UnsupportedOnInstagramException("recipient user_ref",
                    "user_ref recipients come from Messenger plugins; Instagram needs an Instagram-scoped id");
        }
        if (recipient.postId() != null) {
            throw new UnsupportedOnInstagramException("recipient post_id",
                    "private replies to Page posts are Messenger-only; on Instagram reply to a comment_id");
        }
    }

    private static String templateName(Template t) {
        String simple = t.getClass().getSimpleName();
        return simple.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String buttonName(Button b) {
        if (b instanceof Button.Call) {
            return "phone_number button";
        }
        return b.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " button";
    }
}
