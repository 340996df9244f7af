package io.messengerkit.jakarta.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named check of a health probe, shaped like a MicroProfile Health check response:
 * {@code {"name":"database","status":"UP","data":{...}}}.
 *
 * @param name what was checked, e.g. {@code database}
 * @param up whether it is in order
 * @param data numbers and words that explain the status: strings, longs and booleans only
 */
public record HealthCheckResult(String name, boolean up, Map<String, Object> data) {

    /** Checks the name and copies the data, keeping its order. */
    public HealthCheckResult {
        Objects.requireNonNull(name, "name");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data == null ? Map.of() : data));
    }

    /** {@return {@code UP} or {@code DOWN}} */
    public String status() {
        return up ? "UP" : "DOWN";
    }

    /** {@return the check as MicroProfile Health shows it (data left out when empty)} */
    Map<String, Object> toView() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", name);
        view.put("status", status());
        if (!data.isEmpty()) {
            view.put("data", data);
        }
        return view;
    }
}
