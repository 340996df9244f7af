/**
 * Who may call the management API: {@link io.messengerkit.jakarta.security.ChatbotAuthorizer} and its built-ins, and Meta's signed requests.
 */
package io.messengerkit.jakarta.security;
