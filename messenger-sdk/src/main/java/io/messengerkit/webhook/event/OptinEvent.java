package io.messengerkit.webhook.event;

/**
 * A plugin or marketing-messages opt-in ({@code optin}).
 *
 * @param envelope where and when: object, page id, sender, recipient, timestamp
 * @param type e.g. {@code notification_messages}, {@code one_time_notif_req}; null for plugin opt-ins
 * @param ref the plugin's {@code data-ref}, or null
 * @param userRef {@code optin.user_ref} for checkbox plugins, or null
 * @param payload the developer-defined payload, or null
 * @param title the opt-in request title, or null
 * @param notificationMessagesToken the token to send marketing messages with, or null
 * @param notificationMessagesTimezone the timezone Meta reports, or null
 * @param notificationMessagesStatus {@code STOP_NOTIFICATIONS} / {@code RESUME_NOTIFICATIONS}, or null
 * @param tokenExpiryTimestamp when the token expires (epoch ms), or null
 * @param userTokenStatus e.g. {@code REFRESHED}, {@code NOT_REFRESHED}, or null
 * @param oneTimeNotifToken the legacy one-time notification token, or null
 */
public record OptinEvent(
        Envelope envelope,
        String type,
        String ref,
        String userRef,
        String payload,
        String title,
        String notificationMessagesToken,
        String notificationMessagesTimezone,
        String notificationMessagesStatus,
        Long tokenExpiryTimestamp,
        String userTokenStatus,
        String oneTimeNotifToken) implements WebhookEvent {

    @Override
    public String toString() {
        // The notification tokens are send credentials for one person: keep them out of logs.
        return "OptinEvent[envelope=" + envelope + ", type=" + type + ", ref=" + ref + ", payload=" + payload
                + ", notificationMessagesToken=" + (notificationMessagesToken == null ? null : "[redacted]")
                + ", notificationMessagesStatus=" + notificationMessagesStatus
                + ", oneTimeNotifToken=" + (oneTimeNotifToken == null ? null : "[redacted]") + "]";
    }
}
