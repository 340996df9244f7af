/**
 * Webhook deliveries as Meta sends them: real-shaped events ({@link
 * io.messengerkit.testkit.trigger.TestEvent}), batches ({@link
 * io.messengerkit.testkit.trigger.WebhookPayload}) written byte for byte like Meta's, signed ({@link
 * io.messengerkit.testkit.trigger.WebhookSigner}) and posted, repeated or reordered ({@link
 * io.messengerkit.testkit.trigger.WebhookTrigger}): through the emulator ({@code
 * PlatformEmulator.trigger()}, which then knows what the person did, as Meta would) or around it
 * ({@code WebhookTrigger.to(url, secret)}).
 */
package io.messengerkit.testkit.trigger;
