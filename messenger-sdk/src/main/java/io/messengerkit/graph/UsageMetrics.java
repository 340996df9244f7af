package io.messengerkit.graph;

import io.messengerkit.metrics.MessengerMetrics;
import java.util.List;
import java.util.Map;

/** Hands one response's usage headers to a metrics listener, one reading per header (per business object). */
final class UsageMetrics {
    private UsageMetrics() {
    }

    static void report(GraphUsage usage, MessengerMetrics metrics) {
        usage.app().ifPresent(f -> metrics.rateLimitUsage("app", null, f.maxPercent()));
        usage.page().ifPresent(f -> metrics.rateLimitUsage("page", null, f.maxPercent()));
        for (Map.Entry<String, List<GraphUsage.BusinessUseCase>> entry : usage.businessUseCase().entrySet()) {
            int max = entry.getValue().stream().mapToInt(GraphUsage.BusinessUseCase::maxPercent).max().orElse(0);
            metrics.rateLimitUsage("business_use_case", entry.getKey(), max);
        }
    }
}
