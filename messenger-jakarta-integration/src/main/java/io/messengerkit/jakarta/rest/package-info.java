/**
 * The JAX-RS resources (management API, webhook, Login callbacks): thin adapters from HTTP to the
 * backend's use cases. Request and response bodies are records bound by Jackson; the backend's
 * exceptions become RFC 9457 problem documents in one place, {@link io.messengerkit.jakarta.rest.ProblemMapper}.
 */
package io.messengerkit.jakarta.rest;
