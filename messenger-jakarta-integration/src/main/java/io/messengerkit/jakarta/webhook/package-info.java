/**
 * Webhook deliveries: receiving and storing them ({@link io.messengerkit.jakarta.webhook.WebhookIntake}), and
 * processing stored ones (the inbox worker and the SDK dispatcher adapter).
 */
package io.messengerkit.jakarta.webhook;
