package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Personas API with the page token: {@code POST /me/personas} ({@code name} at most 50
 * characters, {@code profile_picture_url}) answers {@code {"id"}}; {@code GET /me/personas} lists
 * them; {@code GET /{persona-id}} and {@code DELETE /{persona-id}} ({@code {"success":true}}).
 * A send with an unknown {@code persona_id} is refused by the Send API.
 */
final class PersonasArea implements GraphArea {
    private final World world;
    private final GraphAuth auth;

    PersonasArea(World world, GraphAuth auth) {
        this.world = world;
        this.auth = auth;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("personas", Set.of("POST", "GET"), this::personas);
        routes.node("GET", this::get);
        routes.node("DELETE", this::delete);
    }

    private Object personas(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        GraphAuth.requireScope(token, "pages_messaging");
        if (r.method.equals("GET")) {
            List<Map<String, Object>> data = world.personasOf(page.id).stream().map(PersonasArea::json).toList();
            return Map.of("data", data);
        }
        String name = r.param("name");
        String picture = r.param("profile_picture_url");
        if (name == null || name.isBlank()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("The parameter name is required"));
        }
        if (name.codePointCount(0, name.length()) > 50) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Length of param name must be less than or equal to 50"));
        }
        if (picture == null || !(picture.startsWith("https://") || picture.startsWith("http://"))) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "The parameter profile_picture_url is required"));
        }
        return Map.of("id", world.createPersona(page.id, name, picture).id());
    }

    private Object get(GraphRequest r, TokenRecord token, String nodeId) {
        World.PersonaRecord p = world.persona(nodeId);
        if (p == null) {
            return null;
        }
        requireOwnPage(token, p);
        return json(p);
    }

    private Object delete(GraphRequest r, TokenRecord token, String nodeId) {
        World.PersonaRecord p = world.persona(nodeId);
        if (p == null) {
            return null;
        }
        requireOwnPage(token, p);
        world.deletePersona(nodeId);
        return Map.of("success", true);
    }

    private static void requireOwnPage(TokenRecord token, World.PersonaRecord p) {
        if (token.kind != TokenKind.PAGE || !p.pageId().equals(token.pageId)) {
            throw new GraphErrorException(EmulatedGraphError.unsupportedRequest("GET", p.id()));
        }
    }

    private static Map<String, Object> json(World.PersonaRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("profile_picture_url", p.profilePictureUrl());
        m.put("id", p.id());
        return m;
    }
}
