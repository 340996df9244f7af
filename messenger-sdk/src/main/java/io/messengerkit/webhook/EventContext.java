package io.messengerkit.webhook;

import io.messengerkit.send.Message;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.Recipient;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.SenderAction;
import io.messengerkit.webhook.event.WebhookEvent;

/**
 * What a handler needs to answer an event: which page and person it concerns, and a Send API
 * client already bound to that page's token. Replies go to the person on the other side of the
 * conversation ({@link #userId()}): the sender of inbound events, the recipient of echoes.
 *
 * <p>Sending methods block (handlers run on the dispatcher's executor) and throw the Graph
 * exceptions of {@link PageMessenger}. The page's messenger is looked up on first use only.
 */
public final class EventContext {
    private final WebhookEvent event;
    private final String appId;
    private final PageMessengerResolver resolver;
    private PageMessenger messenger;

    EventContext(WebhookEvent event, String appId, PageMessengerResolver resolver) {
        this.event = event;
        this.appId = appId;
        this.resolver = resolver;
    }

    /** {@return the event being handled} */
    public WebhookEvent event() {
        return event;
    }

    /** {@return the page (or Instagram account) the event was delivered for} */
    public String pageId() {
        return event.pageId();
    }

    /**
     * {@code sender.id} of the event as delivered (for echoes, that is the page).
     *
     * @return the sender's id
     */
    public String senderId() {
        return event.senderId();
    }

    /**
     * The person in this conversation: a PSID (IGSID on Instagram), or a {@code user_ref} for plugin
     * opt-ins; null for page-level events such as policy enforcement.
     *
     * @return the person's page-scoped id
     */
    public String userId() {
        return event.counterpartId();
    }

    /** {@return this app's id as configured on the dispatcher, or null} */
    public String appId() {
        return appId;
    }

    /**
     * The Send API client for this page.
     *
     * @return the page's Send API client
     * @throws IllegalStateException when the dispatcher has no {@link PageMessengerResolver}
     */
    public PageMessenger messenger() {
        PageMessenger m = messenger;
        if (m == null) {
            if (resolver == null) {
                throw new IllegalStateException("no PageMessengerResolver configured on the WebhookDispatcher");
            }
            m = resolver.messengerFor(event.pageId());
            if (m == null) {
                throw new IllegalStateException("no PageMessenger for page " + event.pageId());
            }
            messenger = m;
        }
        return m;
    }

    /**
     * Sends a text reply ({@code RESPONSE}) to the person.
     *
     * @param text at most 2,000 characters
     * @return Meta's recipient and message ids
     */
    public SendResult reply(String text) {
        return send(Message.text(text));
    }

    /**
     * Sends a message as a reply ({@code RESPONSE}) to the person.
     *
     * @param message the message
     * @return Meta's recipient and message ids
     */
    public SendResult send(Message message) {
        return messenger().send(SendRequest.to(recipient(), message));
    }

    /**
     * Sends a fully specified request (any recipient, messaging type or tag).
     *
     * @param request the whole request
     * @return Meta's recipient and message ids
     */
    public SendResult send(SendRequest request) {
        return messenger().send(request);
    }

    /** Shows the typing bubble to the person. */
    public void typingOn() {
        senderAction(SenderAction.TYPING_ON);
    }

    /** Hides the typing bubble. */
    public void typingOff() {
        senderAction(SenderAction.TYPING_OFF);
    }

    /** Marks the person's messages as seen. */
    public void markSeen() {
        senderAction(SenderAction.MARK_SEEN);
    }

    private void senderAction(SenderAction action) {
        messenger().senderAction(psid(), action);
    }

    private String psid() {
        String psid = event.envelope().senderId() == null && event.envelope().senderUserRef() != null ? null : userId();
        if (psid == null) {
            throw new IllegalStateException("event " + event.getClass().getSimpleName()
                    + " has no person with a page-scoped id to act for");
        }
        return psid;
    }

    private Recipient recipient() {
        if (event.envelope().senderId() == null && event.envelope().senderUserRef() != null) {
            return Recipient.userRef(event.envelope().senderUserRef());
        }
        return Recipient.psid(psid());
    }

    @Override
    public String toString() {
        return "EventContext[event=" + event.getClass().getSimpleName() + ", pageId=" + pageId() + "]";
    }
}
