package io.messengerkit.send;

import java.util.concurrent.CompletableFuture;

/**
 * A Send API client bound to one page's access token. Get one from
 * {@code GraphClient.messenger(pageToken)}; it is thread-safe and cheap, and every messenger for the
 * same token shares one client-side rate limiter (300 sends/s, 10/s for audio and video, by
 * default).
 *
 * <p>Blocking methods throw {@code GraphException} subclasses (package {@code io.messengerkit.graph});
 * the async variants complete exceptionally with the same exceptions. Limits (text length, quick
 * replies...) are checked when the {@link Message} is built, before anything is sent.
 *
 * <p>Retries: a send is retried only when the failure proves Meta did not accept it (Graph's own
 * transient or rate-limit error, HTTP 429, or a connection that failed before the request was
 * sent). Timeouts, reset connections and a proxy's 5xx page are not retried, because the message may
 * have been delivered and a retry would send it twice.
 */
public interface PageMessenger {

    /**
     * Sends a message.
     *
     * @param request recipient, message, messaging type
     * @return Meta's recipient and message ids
     */
    SendResult send(SendRequest request);

    /**
     * Sends a message without blocking.
     *
     * @param request recipient, message, messaging type
     * @return completes with Meta's recipient and message ids
     */
    CompletableFuture<SendResult> sendAsync(SendRequest request);

    /**
     * Sends a text reply ({@link MessagingType#RESPONSE}) to the person {@code psid}.
     *
     * @param psid the person's page-scoped id
     * @param text at most 2,000 characters
     * @return Meta's recipient and message ids
     */
    default SendResult sendText(String psid, String text) {
        return send(SendRequest.to(psid, Message.text(text)));
    }

    /**
     * Sends a text reply without blocking.
     *
     * @param psid the person's page-scoped id
     * @param text at most 2,000 characters
     * @return completes with Meta's recipient and message ids
     */
    default CompletableFuture<SendResult> sendTextAsync(String psid, String text) {
        try {
            return sendAsync(SendRequest.to(psid, Message.text(text)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Shows a typing indicator or marks the thread seen for the person {@code psid}.
     *
     * @param psid the person's page-scoped id
     * @param action typing on, typing off or mark seen
     * @return Meta's answer
     */
    SendResult senderAction(String psid, SenderAction action);

    /**
     * Sends a sender action without blocking.
     *
     * @param psid the person's page-scoped id
     * @param action typing on, typing off or mark seen
     * @return completes with Meta's answer
     */
    CompletableFuture<SendResult> senderActionAsync(String psid, SenderAction action);
}
