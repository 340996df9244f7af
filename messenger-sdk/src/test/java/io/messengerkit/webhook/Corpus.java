package io.messengerkit.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the webhook bodies under src/test/resources/webhook, byte for byte. */
final class Corpus {
    static final String[] ALL = {
        "text-message.json", "multi-page-batch.json", "attachments.json", "reply-to.json", "echoes.json",
        "postbacks-and-referrals.json", "optins-and-linking.json", "reactions-and-edits.json",
        "handover-and-policy.json", "standby.json", "instagram.json", "unknown-events.json",
        "ad-referral-messages.json",
    };

    private Corpus() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("/webhook/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
