package io.messengerkit.benchmarks;

import com.github.messenger4j.Messenger;
import com.github.messenger4j.exception.MessengerVerificationException;
import com.github.messenger4j.webhook.Event;
import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a messenger4j 1.1.0 user receives a webhook: {@link Messenger#onReceiveEvents} with the
 * signature header, which verifies it (messenger4j only knows the legacy sha1 {@code X-Hub-Signature})
 * and calls the handler once per event. The body reaches it as a {@code String}, so decoding the raw
 * bytes is part of its cost. Thread-confined (it counts into a field).
 */
final class Messenger4jWebhook {
    private final Messenger messenger;
    private int seen;
    private final Consumer<Event> handler = event -> seen++;

    Messenger4jWebhook(AppSecret secret) {
        // Made-up token and verify token: no Send API call is made.
        this.messenger = Messenger.create("bench-page-token", secret.reveal(), "bench-verify-token");
    }

    /** Returns how many events reached the handler. */
    int handle(byte[] body, String sha1SignatureHeader) {
        seen = 0;
        try {
            messenger.onReceiveEvents(new String(body, StandardCharsets.UTF_8), Optional.of(sha1SignatureHeader), handler);
        } catch (MessengerVerificationException e) {
            throw new SecurityException("messenger4j rejected the signature", e);
        }
        return seen;
    }
}
