package io.messengerkit.testkit.emulator;

import java.time.Instant;

/**
 * A Send API call ({@code POST /me/messages} or {@code /{page-id}/messages}) the emulator answered with
 * an error: what the page tried to send, to whom, and why it was refused. Failed assertions list these,
 * so a test that expected a reply shows the reason there was none.
 *
 * @param sequence the call's place among all Graph calls, as in {@link RecordedRequest#sequence()}
 * @param at emulator clock time of the call
 * @param pageId the page that sent, or null when the call's token named no page
 * @param psid the recipient's id, or null when the call named none
 * @param attempted what the page tried to send, e.g. {@code text 'Hi'} or {@code sender action typing_on}
 * @param error the error answered
 */
public record RefusedSend(long sequence, Instant at, String pageId, String psid, String attempted,
        EmulatedGraphError error) {

    /** The refusal in one line: what was sent, the code and subcode, and Meta's message. */
    @Override
    public String toString() {
        return attempted + " -> " + error.httpStatus() + ", code " + error.code()
                + (error.subcode() == null ? "" : " subcode " + error.subcode()) + ": " + error.message();
    }
}
