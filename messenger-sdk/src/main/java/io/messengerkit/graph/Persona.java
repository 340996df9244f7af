package io.messengerkit.graph;

/**
 * A name and picture a Page can send as (for example a human agent's), from the Personas API.
 *
 * @param id the persona id, sent as {@code persona_id}
 * @param name at most 50 characters
 * @param profilePictureUrl the picture as re-hosted by Meta, or null
 */
public record Persona(String id, String name, String profilePictureUrl) {
}
