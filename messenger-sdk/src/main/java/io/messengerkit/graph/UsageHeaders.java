package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.transport.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Meta's usage headers. A malformed header is ignored rather than failing the call. */
final class UsageHeaders {
    private static final System.Logger LOG = System.getLogger(UsageHeaders.class.getName());

    private UsageHeaders() {
    }

    /**
     * {@return the usage reported by a response's headers}
     *
     * @param response the response
     */
    static GraphUsage parse(TransportResponse response) {
        Optional<GraphUsage.Figures> app = response.header("x-app-usage").flatMap(UsageHeaders::figures);
        Optional<GraphUsage.Figures> page = response.header("x-page-usage").flatMap(UsageHeaders::figures);
        Map<String, List<GraphUsage.BusinessUseCase>> buc = response.header("x-business-use-case-usage")
                .map(UsageHeaders::businessUseCase).orElse(Map.of());
        return new GraphUsage(app, page, buc);
    }

    private static Optional<JsonNode> tree(String header) {
        try {
            JsonNode node = Json.parse(header.getBytes(StandardCharsets.UTF_8));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (java.io.IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring malformed usage header");
            return Optional.empty();
        }
    }

    static Optional<GraphUsage.Figures> figures(String header) {
        return tree(header).map(n -> new GraphUsage.Figures(
                (int) Json.number(n, "call_count", 0),
                (int) Json.number(n, "total_cputime", 0),
                (int) Json.number(n, "total_time", 0),
                n.has("estimated_time_to_regain_access")
                        ? Optional.of(Duration.ofMinutes(Json.number(n, "estimated_time_to_regain_access", 0)))
                        : Optional.empty()));
    }

    static Map<String, List<GraphUsage.BusinessUseCase>> businessUseCase(String header) {
        Map<String, List<GraphUsage.BusinessUseCase>> out = new LinkedHashMap<>();
        tree(header).ifPresent(root -> root.properties().forEach(entry -> {
            List<GraphUsage.BusinessUseCase> list = new ArrayList<>();
            JsonNode value = entry.getValue();
            Iterable<JsonNode> items = value.isArray() ? value : List.of(value);
            for (JsonNode n : items) {
                if (n.isObject()) {
                    list.add(new GraphUsage.BusinessUseCase(
                            Json.text(n, "type"),
                            (int) Json.number(n, "call_count", 0),
                            (int) Json.number(n, "total_cputime", 0),
                            (int) Json.number(n, "total_time", 0),
                            Duration.ofMinutes(Json.number(n, "estimated_time_to_regain_access", 0))));
                }
            }
            out.put(entry.getKey(), List.copyOf(list));
        }));
        return out;
    }
}
