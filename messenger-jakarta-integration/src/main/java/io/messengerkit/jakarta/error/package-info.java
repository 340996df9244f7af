/**
 * The failures the Messenger backend's operations report, in the backend's own terms: invalid
 * input, a caller who is not authenticated or not allowed, a request whose signature does not
 * hold, something not found, a conflict, a Facebook login that must be renewed, a body that is too
 * large. {@link io.messengerkit.jakarta.error.BackendException} is their sealed root; the REST
 * layer turns each kind into one RFC 9457 problem response, in one place.
 */
package io.messengerkit.jakarta.error;
