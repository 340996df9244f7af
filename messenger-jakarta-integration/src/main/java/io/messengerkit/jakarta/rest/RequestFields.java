package io.messengerkit.jakarta.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The fields of a management request, from its query string and, when present, its JSON body
 * (the seed's clients send some of them either way). Validation failures are collected and
 * answered together as one 400 with every offending field.
 */
final class RequestFields {
    /** Chatbot ids: the seed's numeric ids, or slugs. */
    static final Pattern CHATBOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,40}");

    private final MultivaluedMap<String, String> query;
    private final JsonNode body;
    private final List<ApiProblem.FieldError> errors = new ArrayList<>();

    private RequestFields(MultivaluedMap<String, String> query, JsonNode body) {
        this.query = query;
        this.body = body;
    }

    static RequestFields ofQuery(MultivaluedMap<String, String> query) {
        return new RequestFields(query, NullNode.getInstance());
    }

    /** Query plus an optional JSON object body (an empty body is fine for DELETE). */
    static RequestFields of(MultivaluedMap<String, String> query, InputStream body, boolean bodyRequired) {
        byte[] bytes = BoundedBody.read(body, Json.MAX_REQUEST_BYTES);
        if (bytes.length == 0) {
            if (bodyRequired) {
                throw ApiProblem.invalid("body", "a JSON object is required");
            }
            return ofQuery(query);
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (java.io.IOException e) {
            throw ApiProblem.invalid("body", "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiProblem.invalid("body", "must be a JSON object");
        }
        return new RequestFields(query, node);
    }

    /** The chatbot id (required, validated). */
    String chatbotId() {
        String id = text("chatbot_id", "chatbot").orElse(null);
        if (id == null) {
            errors.add(new ApiProblem.FieldError("chatbot_id", "is required"));
            return null;
        }
        if (!CHATBOT_ID.matcher(id).matches()) {
            errors.add(new ApiProblem.FieldError("chatbot_id", "must be 1-128 letters, digits or ._:@-"));
            return null;
        }
        return id;
    }

    /** A required string under one of the names. */
    String required(String... names) {
        Optional<String> value = text(names);
        if (value.isEmpty()) {
            errors.add(new ApiProblem.FieldError(names[0], "is required"));
            return null;
        }
        return value.get();
    }

    /** A required non-empty list of Graph ids (JSON array, comma-separated text, or repeated query parameter). */
    List<String> pageIds() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("page_ids", "pages", "page_id")) {
            JsonNode node = body.get(name);
            if (node != null && node.isArray()) {
                node.forEach(n -> ids.add(n.isObject() && n.has("id") ? n.get("id").asText() : n.asText()));
            } else if (node != null && !node.isNull()) {
                ids.addAll(split(node.asText()));
            }
            if (query != null && query.get(name) != null) {
                query.get(name).forEach(v -> ids.addAll(split(v)));
            }
        }
        if (ids.isEmpty()) {
            errors.add(new ApiProblem.FieldError("page_ids", "at least one page id is required"));
            return List.of();
        }
        for (String id : ids) {
            if (!GRAPH_ID.matcher(id).matches()) {
                errors.add(new ApiProblem.FieldError("page_ids", "'" + shorten(id) + "' is not a page id"));
            }
        }
        return ids.stream().distinct().toList();
    }

    /** An optional whole number within bounds. */
    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                errors.add(new ApiProblem.FieldError(name, "must be between " + min + " and " + max));
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new ApiProblem.FieldError(name, "must be a whole number"));
            return fallback;
        }
    }

    /** An optional Graph id. */
    Optional<String> optionalGraphId(String name) {
        Optional<String> value = text(name);
        if (value.isPresent() && !GRAPH_ID.matcher(value.get()).matches()) {
            errors.add(new ApiProblem.FieldError(name, "is not a page id"));
            return Optional.empty();
        }
        return value;
    }

    boolean flag(String name) {
        return text(name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    /** Throws the collected 400, if any field was wrong. */
    void validate() {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }

    private Optional<String> text(String... names) {
        for (String name : names) {
            JsonNode node = body.get(name);
            if (node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank()) {
                return Optional.of(node.asText().strip());
            }
            if (query != null) {
                String q = query.getFirst(name);
                if (q != null && !q.isBlank()) {
                    return Optional.of(q.strip());
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        return parts;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
