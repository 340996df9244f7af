package io.messengerkit.webhook.event;

import java.util.List;

/**
 * A copy of a message the page sent ({@code message.is_echo: true}). The sender is the page and
 * the recipient is the person. Whether this app, another app or a person typing in the Page inbox
 * sent it is told by {@link #origin(String)}.
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param mid the message id
 * @param text the text, or null
 * @param appId the id of the app that sent it; null when a person typed it in the Page inbox
 * @param metadata the {@code metadata} string given on send, or null
 * @param attachments attachments in order (templates included)
 */
public record EchoEvent(
        Envelope envelope,
        String mid,
        String text,
        String appId,
        String metadata,
        List<Attachment> attachments) implements WebhookEvent {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param envelope where and when: object, page id, sender, recipient, timestamp
     * @param mid the message id
     * @param text the text, or null
     * @param appId the id of the app that sent it; null when a person typed it in the Page inbox
     * @param metadata the {@code metadata} string given on send, or null
     * @param attachments attachments in order (templates included)
     */
    public EchoEvent {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** Who sent the echoed message. */
    public enum Origin {
        /** This app sent it (its {@code app_id} equals ours). */
        THIS_APP,
        /** Another app sent it, e.g. an inbox tool. */
        OTHER_APP,
        /** A person typed it in the Page inbox (no {@code app_id}). */
        PAGE_INBOX
    }

    /**
     * {@return our own sends from other apps' and from people answering in the Page inbox}
     *
     * @param ownAppId this app's id
     */
    public Origin origin(String ownAppId) {
        if (appId == null) {
            return Origin.PAGE_INBOX;
        }
        return appId.equals(ownAppId) ? Origin.THIS_APP : Origin.OTHER_APP;
    }

    @Override
    public String counterpartId() {
        return envelope().recipientId();
    }
}
