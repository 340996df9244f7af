/**
 * The immutable event records a webhook delivery is parsed into, one per kind of event
 * ({@code EventKind} in {@code io.messengerkit.webhook}): every one implements the sealed
 * {@link io.messengerkit.webhook.event.WebhookEvent} and carries its
 * {@link io.messengerkit.webhook.event.Envelope} (object, page, sender, recipient, timestamp,
 * standby). Events the SDK does not model arrive as
 * {@link io.messengerkit.webhook.event.UnknownEvent}, broken ones as
 * {@link io.messengerkit.webhook.event.UnparseableEvent}.
 */
package io.messengerkit.webhook.event;
