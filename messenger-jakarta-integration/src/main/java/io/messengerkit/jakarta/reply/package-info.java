/**
 * The seed's reply flow and the {@link io.messengerkit.jakarta.reply.ChatbotResponder} a host application implements.
 */
package io.messengerkit.jakarta.reply;
