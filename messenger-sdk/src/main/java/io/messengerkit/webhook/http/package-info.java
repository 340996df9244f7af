/**
 * Meta's webhook callback over HTTP, for any server: {@link io.messengerkit.webhook.http.WebhookEndpoint}
 * answers a {@link io.messengerkit.webhook.http.WebhookRequest} (the verify-token handshake, the body
 * limit, the signature check over the raw bytes, the hand-over to a
 * {@link io.messengerkit.webhook.WebhookDispatcher}) with a {@link io.messengerkit.webhook.http.WebhookResponse}.
 * {@link io.messengerkit.webhook.http.WebhookHttpHandler} and {@link io.messengerkit.webhook.http.WebhookServer}
 * run it on the JDK's own HTTP server; the {@code messenger-servlet} module runs it in Servlet containers.
 */
package io.messengerkit.webhook.http;
