package io.messengerkit.benchmarks;

import com.restfb.DefaultJsonMapper;
import com.restfb.JsonMapper;
import com.restfb.types.webhook.WebhookEntry;
import com.restfb.types.webhook.WebhookObject;
import com.restfb.types.webhook.messaging.MessagingItem;
import io.messengerkit.AppSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a restfb 2025.15.0 user receives a webhook: check the signature first (restfb has no webhook
 * signature check, so the floor's minimal one is used), map the body with restfb's {@link JsonMapper}
 * into a {@link WebhookObject}, then walk every entry's messaging items, asking each for its event
 * (restfb's own type dispatch). Thread-confined.
 */
final class RestFbWebhook {
    private final JsonMapper mapper = new DefaultJsonMapper();
    private final Sha256SignatureCheck signature;

    RestFbWebhook(AppSecret secret) {
        this.signature = new Sha256SignatureCheck(secret);
    }

    /** Returns how many messaging items carried an event restfb recognised. */
    int handle(byte[] body, String signatureHeader) {
        signature.verify(signatureHeader, body);
        WebhookObject webhook = mapper.toJavaObject(new String(body, StandardCharsets.UTF_8), WebhookObject.class);
        int recognised = 0;
        for (WebhookEntry entry : webhook.getEntryList()) {
            List<MessagingItem> items = entry.getMessaging();
            for (MessagingItem item : items) {
                if (item.getItem() != null && item.getSender() != null) {
                    recognised++;
                }
            }
        }
        return recognised;
    }
}
