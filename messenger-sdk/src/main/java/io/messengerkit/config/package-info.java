/**
 * Configuration of an app's Graph API access: {@link io.messengerkit.config.MessengerConfig} (a
 * builder, or {@code fromEnvironment()}), the {@link io.messengerkit.config.GraphApiVersion} to call
 * and when it expires, the {@link io.messengerkit.config.RetryPolicy}, and the
 * {@link io.messengerkit.config.ConfigurationException} thrown for missing or invalid settings.
 */
package io.messengerkit.config;
