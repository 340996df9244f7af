/**
 * The scheduled subscription and token health check.
 */
package io.messengerkit.jakarta.health;
