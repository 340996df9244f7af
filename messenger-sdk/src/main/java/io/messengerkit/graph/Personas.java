package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.AccessToken;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Personas API: names and pictures a Page sends as, so a person can tell a human agent from
 * the bot. Needs a Page token of someone with the MESSAGING task. Send as a persona with
 * {@code SendRequest.withPersona(id)}; only {@code typing_on}/{@code typing_off} sender actions accept one.
 */
public final class Personas {
    /** Meta's limit on a persona's name. */
    public static final int MAX_NAME = 50;
    private final GraphEngine engine;

    Personas(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * {@code POST /me/personas}.
     *
     * @param pageToken the page access token
     * @param name at most 50 characters
     * @param profilePictureUrl an image of at most 8 MB; Meta re-hosts it
     * @return the new persona's id
     */
    public String create(AccessToken pageToken, String name, String profilePictureUrl) {
        if (name == null || name.isBlank() || name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new IllegalArgumentException("a persona name is 1 to 50 characters");
        }
        if (profilePictureUrl == null || !profilePictureUrl.startsWith("https://")
                && !profilePictureUrl.startsWith("http://")) {
            throw new IllegalArgumentException("a persona needs an http(s) profile picture URL");
        }
        ObjectNode body = Json.object().put("name", name).put("profile_picture_url", profilePictureUrl);
        GraphCall call = new GraphCall("personas POST", "POST", "/me/personas", Map.of(),
                Objects.requireNonNull(pageToken, "pageToken"), true, null, Json.bytes(body), false, true);
        return Json.text(GraphEngine.await(engine.execute(call)).body(), "id");
    }

    /**
     * {@code GET /me/personas}, every page of it.
     *
     * @param pageToken the page access token
     * @return the personas
     */
    public List<Persona> list(AccessToken pageToken) {
        List<JsonNode> items = GraphEngine.await(Paging.all(engine, GraphCall.get("personas", "/me/personas",
                Map.of(), Objects.requireNonNull(pageToken, "pageToken"))));
        return items.stream().map(Personas::persona).toList();
    }

    /**
     * {@code GET /{persona-id}}.
     *
     * @param pageToken the page access token
     * @param personaId the persona
     * @return the persona
     */
    public Persona get(AccessToken pageToken, String personaId) {
        Ids.check(personaId, "personaId");
        return persona(GraphEngine.await(engine.execute(GraphCall.get("persona", "/" + personaId,
                Map.of("fields", "id,name,profile_picture_url"), Objects.requireNonNull(pageToken, "pageToken"))))
                .body());
    }

    /**
     * {@code DELETE /{persona-id}}; messages already sent as it stay in the thread.
     *
     * @param pageToken the page access token
     * @param personaId the persona
     */
    public void delete(AccessToken pageToken, String personaId) {
        Ids.check(personaId, "personaId");
        GraphCall call = new GraphCall("persona DELETE", "DELETE", "/" + personaId, Map.of(),
                Objects.requireNonNull(pageToken, "pageToken"), true, null, null, true, true);
        Subscriptions.requireSuccess(GraphEngine.await(engine.execute(call)), "persona delete");
    }

    private static Persona persona(JsonNode n) {
        return new Persona(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "profile_picture_url"));
    }
}
