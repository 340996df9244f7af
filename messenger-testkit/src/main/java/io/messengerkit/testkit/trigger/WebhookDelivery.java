package io.messengerkit.testkit.trigger;

/**
 * The callback's answer to one POST.
 *
 * @param status HTTP status, or 0 when the connection failed
 * @param body the answer's body (or the connection error's description)
 * @param bytesSent how many body bytes were posted
 */
public record WebhookDelivery(int status, String body, int bytesSent) {

    /** True for a 2xx answer. */
    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
