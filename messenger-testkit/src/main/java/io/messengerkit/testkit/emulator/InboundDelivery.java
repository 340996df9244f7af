package io.messengerkit.testkit.emulator;

/**
 * What happened when the emulator delivered a person's message to the app's webhook: what
 * {@link TestCustomer#sends}, {@link PlatformEmulator#deliver} and the other {@code user...} methods
 * return. Delivered or not, the message joined the transcript and opened the 24-hour window. The demo
 * endpoint {@code POST /emulator/pages/{page-id}/inbound} answers the same facts as JSON
 * ({@code page_id, psid, mid, delivered, callback_status, detail}), where {@code callback_status} is
 * {@link #httpStatus()}.
 *
 * @param pageId the page written to
 * @param psid the person's page-scoped id
 * @param mid the message id given to the inbound message (null for events without one)
 * @param delivered true when the callback answered 2xx
 * @param httpStatus the callback's status, or 0 when nothing was posted
 * @param detail why nothing was delivered (no callback configured, page not subscribed,
 *     connection refused...), or empty
 */
public record InboundDelivery(
        String pageId, String psid, String mid, boolean delivered, int httpStatus, String detail) {
}
