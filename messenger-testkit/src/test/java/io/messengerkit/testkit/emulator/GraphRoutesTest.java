package io.messengerkit.testkit.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.messengerkit.testkit.emulator.GraphRoutes.Handler;
import io.messengerkit.testkit.emulator.GraphRoutes.OpenHandler;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphRoutesTest {
    private final GraphRoutes routes = new GraphRoutes();

    @Test
    void findsEachEdgeByNameAndMethod() {
        Handler send = (r, token, id) -> "sent";
        Handler profile = (r, token, id) -> "profile";
        routes.edge("messages", Set.of("POST"), send);
        routes.edge("messenger_profile", Set.of("GET", "DELETE"), profile);

        assertSame(send, routes.edgeHandler("messages", "POST"));
        assertSame(profile, routes.edgeHandler("messenger_profile", "DELETE"));
        assertNull(routes.edgeHandler("messages", "GET"), "an edge answers only the methods it declared");
        assertNull(routes.edgeHandler("personas", "POST"));
    }

    @Test
    void refusesTwoAreasAnsweringTheSameEdgeAndMethod() {
        routes.edge("messages", Set.of("POST"), (r, token, id) -> "page");
        routes.edge("messages", Set.of("GET"), (r, token, id) -> "another method is another call");

        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> routes.edge("messages", Set.of("POST"), (r, token, id) -> "instagram"));
        assertEquals("two areas answer POST /{id}/messages", clash.getMessage());
    }

    @Test
    void findsOpenPathsBySegmentsAndRefusesTheSamePathTwice() {
        OpenHandler oauth = r -> Reply.json(200, "token");
        routes.open("oauth/access_token", oauth);

        assertSame(oauth, routes.openAt(List.of("oauth", "access_token")));
        assertNull(routes.openAt(List.of("oauth")));
        assertThrows(IllegalStateException.class, () -> routes.open("oauth/access_token", r -> Reply.json(200, "")));
    }

    @Test
    void asksNodeReadersInTheOrderTheAreasRegistered() {
        Handler pages = (r, token, id) -> null;
        Handler personas = (r, token, id) -> "persona";
        routes.node("GET", pages);
        routes.node("GET", personas);

        assertEquals(List.of(pages, personas), routes.nodeHandlers("GET"));
        assertEquals(List.of(), routes.nodeHandlers("DELETE"));
    }
}
