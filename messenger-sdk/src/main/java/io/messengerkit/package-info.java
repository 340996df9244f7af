/**
 * What every part of the SDK shares: the self-redacting secrets {@link io.messengerkit.AccessToken}
 * and {@link io.messengerkit.AppSecret} (which computes webhook HMACs and {@code appsecret_proof}),
 * {@link io.messengerkit.MessengerException}, the unchecked root of every exception the SDK throws,
 * and {@link io.messengerkit.Redactor}, which masks secrets in any text headed for a log line or an
 * error message.
 */
package io.messengerkit;
