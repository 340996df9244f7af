package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Graph calls the emulator answers, as the {@link GraphArea}s declared them. Three kinds:
 * <ul>
 *   <li>calls without a token at fixed paths ({@code /oauth/access_token}, {@code /debug_token});</li>
 *   <li>node calls, {@code GET /{id}}: every area that reads nodes is asked in turn until one knows
 *       the id;</li>
 *   <li>edge calls, {@code METHOD /{id}/edge}: one handler per edge and method.</li>
 * </ul>
 * Declaring the same path or edge twice is refused, so two areas can never silently compete.
 */
final class GraphRoutes {

    /** Answers a call that needs no access token (or checks one itself). */
    @FunctionalInterface
    interface OpenHandler {
        Reply answer(GraphRequest request);
    }

    /** Answers an authenticated call on a node or one of its edges with the response body. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param nodeId the node's id ({@code me} already resolved to the token's user or page)
         * @return the response body; for node reads, null when the id is not one of this area's nodes
         */
        Object answer(GraphRequest request, TokenRecord token, String nodeId);
    }

    private final Map<String, OpenHandler> open = new HashMap<>();
    private final Map<String, List<Handler>> nodes = new HashMap<>();
    private final Map<String, Handler> edges = new HashMap<>();

    /** A call at this exact path (segments joined by {@code /}, no version), any method, no token checked first. */
    void open(String path, OpenHandler handler) {
        if (open.putIfAbsent(path, handler) != null) {
            throw new IllegalStateException("two areas answer /" + path);
        }
    }

    /** A read of (or another method on) a node by id; the handler returns null for ids it does not know. */
    void node(String method, Handler handler) {
        nodes.computeIfAbsent(method, m -> new ArrayList<>()).add(handler);
    }

    /** An edge of a node, e.g. {@code messages} with {@code POST}. */
    void edge(String name, Set<String> methods, Handler handler) {
        for (String method : methods) {
            if (edges.putIfAbsent(name + " " + method, handler) != null) {
                throw new IllegalStateException("two areas answer " + method + " /{id}/" + name);
            }
        }
    }

    OpenHandler openAt(List<String> segments) {
        return open.get(String.join("/", segments));
    }

    List<Handler> nodeHandlers(String method) {
        return nodes.getOrDefault(method, List.of());
    }

    Handler edgeHandler(String name, String method) {
        return edges.get(name + " " + method);
    }
}
