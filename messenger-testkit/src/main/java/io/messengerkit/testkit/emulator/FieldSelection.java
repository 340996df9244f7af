package io.messengerkit.testkit.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code fields} parameter of a node or list read: the fields named (top level only, nested
 * selections such as {@code picture{url}} or {@code picture.type(large)} count as their field), or
 * the defaults when none are; a field the node type lacks fails as on Meta.
 */
final class FieldSelection {
    private FieldSelection() {
    }

    /**
     * The requested fields of a node, in the order requested.
     *
     * @param nodeType Meta's name of the node type, for the error ({@code User}, {@code Page}...)
     * @param defaults what Meta returns without {@code fields}
     * @param available every field the node type has, computed only when requested
     */
    static Map<String, Object> select(GraphRequest r, String nodeType, List<String> defaults,
            Map<String, Supplier<Object>> available) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String field : requested(r, defaults)) {
            Supplier<Object> value = available.get(field);
            if (value == null) {
                throw new GraphErrorException(GraphError.invalidParameter(
                        "Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")"));
            }
            result.put(field, value.get());
        }
        return result;
    }

    private static List<String> requested(GraphRequest r, List<String> defaults) {
        String raw = r.param("fields");
        if (raw == null || raw.isBlank()) {
            return defaults;
        }
        List<String> fields = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                add(fields, current);
                current.setLength(0);
            } else if (depth == 0) {
                current.append(c);
            }
        }
        add(fields, current);
        return fields;
    }

    private static void add(List<String> fields, StringBuilder raw) {
        String name = raw.toString().strip();
        int dot = name.indexOf('.');
        if (dot >= 0) {
            name = name.substring(0, dot);
        }
        if (!name.isEmpty() && !fields.contains(name)) {
            fields.add(name);
        }
    }
}
