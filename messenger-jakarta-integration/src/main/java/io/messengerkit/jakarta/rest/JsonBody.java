package io.messengerkit.jakarta.rest;

/**
 * Marks the records that travel as JSON bodies of this module's resources (requests, responses,
 * problem documents). {@link JsonBodyWriter} writes exactly these types, so the module's JSON
 * format never depends on which JSON provider a server has, and the host's own types are left to
 * the host's providers.
 */
interface JsonBody {
}
