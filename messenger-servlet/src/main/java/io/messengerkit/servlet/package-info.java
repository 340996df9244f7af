/**
 * The SDK's webhook endpoint in Servlet containers: {@link io.messengerkit.servlet.WebhookServlet}.
 */
package io.messengerkit.servlet;
