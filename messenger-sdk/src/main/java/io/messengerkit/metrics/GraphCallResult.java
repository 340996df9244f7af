package io.messengerkit.metrics;

import java.util.Objects;

/**
 * How one Graph API call ended, after its retries.
 *
 * @param call the call's name, from a fixed set (e.g. {@code subscribed_apps GET}, {@code send message})
 * @param send true for Send API calls ({@code /me/messages})
 * @param succeeded true when Meta answered with success
 * @param graphErrorCode Meta's error code on failure ({@code 0} for success, and for failures without one such as
 *     a lost connection)
 * @param attempts attempts made, the first included
 */
public record GraphCallResult(String call, boolean send, boolean succeeded, int graphErrorCode, int attempts) {

    /** Checks the name. */
    public GraphCallResult {
        Objects.requireNonNull(call, "call");
    }
}
