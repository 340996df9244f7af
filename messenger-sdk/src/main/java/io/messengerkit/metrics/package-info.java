/**
 * The metrics listener: what the SDK reports about webhook deliveries, events, handlers and Graph API calls,
 * for any metrics system ({@code messenger-micrometer} binds it to Micrometer).
 */
package io.messengerkit.metrics;
