package io.messengerkit.jakarta.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A probe's answer in MicroProfile Health's shape, {@code {"status":"UP","checks":[...]}}: UP when every
 * check is UP. Load balancers and Kubernetes probes only need the HTTP status, {@link #httpStatus()}.
 *
 * @param checks the checks, in the order they ran
 */
public record HealthResponse(List<HealthCheckResult> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public HealthResponse {
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
    }

    /** {@return true when every check is UP} */
    public boolean up() {
        return checks.stream().allMatch(HealthCheckResult::up);
    }

    /** {@return 200 when {@link #up()}, else 503} */
    public int httpStatus() {
        return up() ? 200 : 503;
    }

    /**
     * {@return the named check, if it ran}
     *
     * @param name the check's name
     */
    public java.util.Optional<HealthCheckResult> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** {@return the JSON document, status first} */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", up() ? "UP" : "DOWN");
        doc.put("checks", checks.stream().map(HealthCheckResult::toView).toList());
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a health document", e);
        }
    }
}
