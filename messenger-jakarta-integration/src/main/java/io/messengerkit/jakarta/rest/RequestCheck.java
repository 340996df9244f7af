package io.messengerkit.jakarta.rest;

import io.messengerkit.jakarta.error.InvalidInputException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the fields of one management request, taken from its JSON body when there, else from its
 * query string (the seed's clients send some of them either way). Every problem is collected and
 * {@link #done()} throws them together, so one 400 names every offending field.
 */
final class RequestCheck {
    /** Chatbot ids: the seed's numeric ids, or slugs. */
    static final Pattern CHATBOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    private static final Pattern GRAPH_ID = Pattern.compile("[0-9]{1,40}");
    private static final Pattern PERSON_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final List<String> PAGE_ID_NAMES = List.of("page_ids", "pages", "page_id");

    private final MultivaluedMap<String, String> query;
    private final List<InvalidInputException.Violation> violations = new ArrayList<>();

    RequestCheck(MultivaluedMap<String, String> query) {
        this.query = query;
    }

    /** The chatbot id (required, checked), from the body or the query's {@code chatbot_id} or {@code chatbot}. */
    String chatbotId(String fromBody) {
        Optional<String> id = text(fromBody, "chatbot_id", "chatbot");
        if (id.isEmpty()) {
            violation("chatbot_id", "is required");
            return null;
        }
        if (!CHATBOT_ID.matcher(id.get()).matches()) {
            violation("chatbot_id", "must be 1-128 letters, digits or ._:@-");
            return null;
        }
        return id.get();
    }

    /** A required text, from the body or the query under one of {@code names}; reported as {@code names[0]}. */
    String required(String fromBody, String... names) {
        Optional<String> value = text(fromBody, names);
        if (value.isEmpty()) {
            violation(names[0], "is required");
            return null;
        }
        return value.get();
    }

    /** A required id (a page id or a person's page-scoped id), from the body or the query. */
    String requiredId(String fromBody, String name) {
        String value = required(fromBody, name);
        if (value != null && !PERSON_ID.matcher(value).matches()) {
            violation(name, "'" + shorten(value) + "' is not an id");
            return null;
        }
        return value;
    }

    /**
     * At least one page id, from the body and the query ({@code page_ids}, {@code pages} or
     * {@code page_id}, repeated or comma-separated); duplicates removed.
     */
    List<String> pageIds(List<String> fromBody) {
        List<String> ids = new ArrayList<>(fromBody == null ? List.of() : fromBody);
        if (query != null) {
            for (String name : PAGE_ID_NAMES) {
                List<String> values = query.get(name);
                if (values != null) {
                    values.forEach(v -> ids.addAll(split(v)));
                }
            }
        }
        if (ids.isEmpty()) {
            violation("page_ids", "at least one page id is required");
            return List.of();
        }
        for (String id : ids) {
            if (!GRAPH_ID.matcher(id).matches()) {
                violation("page_ids", "'" + shorten(id) + "' is not a page id");
            }
        }
        return ids.stream().distinct().toList();
    }

    /** An optional whole number of the query, within bounds. */
    int integer(String name, int fallback, int min, int max) {
        Optional<String> value = text(null, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                violation(name, "must be between " + min + " and " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            violation(name, "must be a whole number");
            return fallback;
        }
    }

    /** An optional Graph id of the query. */
    Optional<String> optionalGraphId(String name) {
        Optional<String> value = text(null, name);
        if (value.isPresent() && !GRAPH_ID.matcher(value.get()).matches()) {
            violation(name, "is not a page id");
            return Optional.empty();
        }
        return value;
    }

    /** A flag of the query: {@code true} or {@code 1}. */
    boolean flag(String name) {
        return text(null, name).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    /**
     * Ends the check.
     *
     * @throws InvalidInputException with every violation found, if any
     */
    void done() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : text.split(",")) {
            if (!p.isBlank()) {
                parts.add(p.strip());
            }
        }
        return parts;
    }

    private Optional<String> text(String fromBody, String... queryNames) {
        if (fromBody != null && !fromBody.isBlank()) {
            return Optional.of(fromBody.strip());
        }
        if (query != null) {
            for (String name : queryNames) {
                String value = query.getFirst(name);
                if (value != null && !value.isBlank()) {
                    return Optional.of(value.strip());
                }
            }
        }
        return Optional.empty();
    }

    private void violation(String field, String message) {
        violations.add(new InvalidInputException.Violation(field, message));
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
