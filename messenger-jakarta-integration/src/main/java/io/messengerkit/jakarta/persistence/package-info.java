/**
 * JPA persistence: entities, versioned schema scripts, the JPA token store and de-duplication ledger, the webhook inbox, the message log. Entities are mapped for JPA only and never leave this package.
 */
package io.messengerkit.jakarta.persistence;
