/**
 * The JAX-RS resources (management API, webhook, Login callbacks) and the RFC 9457 problem mapper.
 */
package io.messengerkit.jakarta.rest;
