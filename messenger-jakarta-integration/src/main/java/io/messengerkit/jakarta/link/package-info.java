/**
 * The seed's linking flow (accounts and pages), Meta's Login callbacks, and the Graph calls they make.
 */
package io.messengerkit.jakarta.link;
