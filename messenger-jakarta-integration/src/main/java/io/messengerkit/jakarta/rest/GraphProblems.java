package io.messengerkit.jakarta.rest;

import io.messengerkit.graph.GraphException;
import io.messengerkit.graph.TokenInvalidException;
import io.messengerkit.Redactor;
import io.messengerkit.token.TokenUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps Graph API and token failures to problems: a token Meta rejected (or the store knows is
 * dead) is 409 "reconnect needed"; any other Graph failure is 502 with Meta's code, subcode,
 * type and {@code fbtrace_id}, the identifier Meta support asks for.
 */
final class GraphProblems {
    private GraphProblems() {
    }

    /** The problem for a Graph or token failure, or null if {@code exception} is neither. */
    static ApiProblem toProblem(Throwable exception) {
        if (exception instanceof TokenUnavailableException e) {
            return ApiProblem.reconnectNeeded("The stored Facebook authorisation is " + e.reason()
                    + "; link the account again.");
        }
        if (!(exception instanceof GraphException e)) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("graph_code", e.code());
        if (e.subcode() != 0) {
            details.put("graph_subcode", e.subcode());
        }
        if (e.type() != null) {
            details.put("graph_type", e.type());
        }
        e.fbtraceId().ifPresent(t -> details.put("fbtrace_id", t));
        if (e instanceof TokenInvalidException) {
            details.put("reconnect_needed", true);
            return new ApiProblem(409, ApiProblem.TYPE_BASE + "reconnect-needed", "Reconnect needed",
                    "Meta rejected the stored Facebook authorisation; link the account again.", details);
        }
        return new ApiProblem(502, ApiProblem.TYPE_BASE + "graph-error", "Graph API error",
                "The Graph API call failed: " + Redactor.redact(e.getMessage()), details);
    }
}
