/**
 * The Messenger backend for Jakarta EE: {@link io.messengerkit.jakarta.MessengerBackend} wires persistence, the Graph
 * client, the webhook inbox, the reply flow and the health check, for CDI or for standalone Jersey, and offers the
 * backend's use cases ({@link io.messengerkit.jakarta.ChatbotManagement}, the webhook intake, the Login callbacks).
 */
package io.messengerkit.jakarta;
