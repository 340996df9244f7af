package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.emulator.GraphRoutes.Handler;
import io.messengerkit.testkit.emulator.GraphRoutes.OpenHandler;
import io.messengerkit.testkit.emulator.Model.TokenKind;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import io.messengerkit.testkit.json.MetaStyleJson;
import java.util.List;
import java.util.Map;

/**
 * Answers a parsed Graph call: finds the {@link GraphArea} that serves its path, authenticates it,
 * resolves {@code me}, answers unknown paths as Meta does, and adds the usage headers. The whole
 * call runs under the {@link World} lock.
 */
final class GraphRouter {
    private final World world;
    private final GraphAuth auth;
    private final SendRateLimits rateLimits;
    private final GraphRoutes routes = new GraphRoutes();

    GraphRouter(World world, GraphAuth auth, SendRateLimits rateLimits, List<GraphArea> areas) {
        this.world = world;
        this.auth = auth;
        this.rateLimits = rateLimits;
        areas.forEach(area -> area.register(routes));
    }

    /** The answer to the call; Graph errors are thrown as {@link GraphErrorException}. */
    Reply handle(GraphRequest r) {
        synchronized (world) {
            List<String> s = r.segments;
            if (s.isEmpty()) {
                throw new GraphErrorException(GraphError.unsupportedRequest(r.method, ""));
            }
            OpenHandler open = routes.openAt(s);
            if (open != null) {
                return open.answer(r);
            }
            TokenRecord token = auth.authenticate(r);
            String nodeId = s.get(0).equals("me") ? auth.meId(token) : s.get(0);
            Object body = switch (s.size()) {
                case 1 -> node(r, token, nodeId);
                case 2 -> edge(r, token, nodeId, s.get(1));
                default -> throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
            };
            return withUsage(Reply.json(200, body), token);
        }
    }

    private Object node(GraphRequest r, TokenRecord token, String nodeId) {
        for (Handler handler : routes.nodeHandlers(r.method)) {
            Object body = handler.answer(r, token, nodeId);
            if (body != null) {
                return body;
            }
        }
        throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
    }

    private Object edge(GraphRequest r, TokenRecord token, String nodeId, String edge) {
        Handler handler = routes.edgeHandler(edge, r.method);
        if (handler != null) {
            return handler.answer(r, token, nodeId);
        }
        String type = world.nodeType(nodeId);
        if (type != null) {
            throw new GraphErrorException(GraphError.invalidParameter(
                    "Tried accessing nonexisting field (" + edge + ") on node type (" + type + ")"));
        }
        throw new GraphErrorException(GraphError.unsupportedRequest(r.method, nodeId));
    }

    /** Page token calls report the page's send budget use; the others the app's (always idle here). */
    private Reply withUsage(Reply reply, TokenRecord token) {
        if (token.kind == TokenKind.PAGE) {
            int percent = rateLimits.usagePercent(token.pageId, world.now());
            reply.header("X-Business-Use-Case-Usage", MetaStyleJson.string(Map.of(token.pageId,
                    List.of(MetaStyleJson.object("type", "messenger", "call_count", percent, "total_cputime", 0,
                            "total_time", 0, "estimated_time_to_regain_access", 0)))));
        } else {
            reply.header("X-App-Usage", "{\"call_count\":0,\"total_cputime\":0,\"total_time\":0}");
        }
        return reply;
    }
}
