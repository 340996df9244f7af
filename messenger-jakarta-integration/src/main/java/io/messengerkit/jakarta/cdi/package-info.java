/**
 * CDI wiring for application servers: producers built from configuration, JTA transactions, the startup hook, and the {@link io.messengerkit.jakarta.cdi.MessengerHandlers} extension point.
 */
package io.messengerkit.jakarta.cdi;
