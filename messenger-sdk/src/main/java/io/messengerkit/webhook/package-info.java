/**
 * Receiving webhooks: {@link io.messengerkit.webhook.WebhookSignature} verifies a delivery's
 * signature over its raw bytes, {@link io.messengerkit.webhook.WebhookParser} turns it into typed
 * events, and {@link io.messengerkit.webhook.WebhookDispatcher} runs the handlers registered for
 * them, per conversation in order, de-duplicated through a
 * {@link io.messengerkit.webhook.DeduplicationLedger}; handlers answer through
 * {@link io.messengerkit.webhook.EventContext}. {@link io.messengerkit.webhook.EventKind} lists the
 * kinds of event, with the key each arrives under and the page subscription field that brings it.
 *
 * <p>The parser's cursor, its delivery and event-body readers and the dispatcher's lanes and jobs are
 * package-private.
 */
package io.messengerkit.webhook;
