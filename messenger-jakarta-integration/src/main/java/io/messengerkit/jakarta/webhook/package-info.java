/**
 * Processing of stored webhook deliveries: the inbox worker and the SDK dispatcher adapter.
 */
package io.messengerkit.jakarta.webhook;
