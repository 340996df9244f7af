package io.messengerkit.webhook;

import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.PassThreadControlEvent;
import io.messengerkit.webhook.event.TakeThreadControlEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * What a webhook event says about who answers a conversation: a person replied from the Page inbox
 * (an echo without an app id), control went to another app, or control came back to this app. A
 * bot stays quiet while {@link #humanOrOtherAppInControl()} holds.
 *
 * <pre>{@code
 * HandoffSignal.of(event, myAppId).ifPresent(s -> quiet.put(s.psid(), s.humanOrOtherAppInControl()));
 * }</pre>
 *
 * @param pageId the page
 * @param psid the person whose conversation it is
 * @param kind what happened
 * @param appId the app now in control, or null (a human in the Page inbox, or not disclosed)
 */
public record HandoffSignal(String pageId, String psid, Kind kind, String appId) {

    /** What happened. */
    public enum Kind {
        /** Someone answered by hand in the Page inbox (an echo with no app id). */
        HUMAN_REPLIED,
        /** Another app replied in the conversation (an echo with a foreign app id). */
        OTHER_APP_REPLIED,
        /** Control of the thread went to another app (passed to it, or taken by it). */
        CONTROL_LEFT,
        /** Control of the thread came to this app. */
        CONTROL_RETURNED
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param pageId the page
     * @param psid the person
     * @param kind what happened
     * @param appId the app now in control, or null
     */
    public HandoffSignal {
        Objects.requireNonNull(kind, "kind");
    }

    /** {@return true when a human or another app now handles the conversation} */
    public boolean humanOrOtherAppInControl() {
        return kind != Kind.CONTROL_RETURNED;
    }

    /**
     * Reads a handoff signal from an event.
     *
     * @param event any webhook event
     * @param ownAppId this application's app id
     * @return the signal, or empty for events that say nothing about who answers
     */
    public static Optional<HandoffSignal> of(WebhookEvent event, String ownAppId) {
        Objects.requireNonNull(ownAppId, "ownAppId");
        if (event instanceof EchoEvent echo) {
            return switch (echo.origin(ownAppId)) {
                case PAGE_INBOX -> Optional.of(new HandoffSignal(echo.pageId(), echo.counterpartId(), Kind.HUMAN_REPLIED,
                        null));
                case OTHER_APP -> Optional.of(new HandoffSignal(echo.pageId(), echo.counterpartId(),
                        Kind.OTHER_APP_REPLIED, echo.appId()));
                case THIS_APP -> Optional.empty();
            };
        }
        String newOwner;
        if (event instanceof PassThreadControlEvent pass) {
            newOwner = pass.newOwnerAppId();
        } else if (event instanceof TakeThreadControlEvent take) {
            // A take event reaches the app that lost control; a missing new owner means another app took it.
            newOwner = take.newOwnerAppId();
            if (newOwner == null) {
                return Optional.of(new HandoffSignal(event.pageId(), event.senderId(), Kind.CONTROL_LEFT, null));
            }
        } else {
            return Optional.empty();
        }
        Kind kind = ownAppId.equals(newOwner) ? Kind.CONTROL_RETURNED : Kind.CONTROL_LEFT;
        return Optional.of(new HandoffSignal(event.pageId(), event.senderId(), kind, newOwner));
    }
}
