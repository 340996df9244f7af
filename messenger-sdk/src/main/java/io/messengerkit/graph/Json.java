package io.messengerkit.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SDK's shared Jackson mapper and small tree-reading helpers. */
final class Json {
    /** Thread-safe once configured; never reconfigured after class init. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    /** {@return a new empty object node} */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Serialises a tree to UTF-8 bytes.
     *
     * @param node the tree
     * @return its UTF-8 JSON
     */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses bytes into a tree.
     *
     * @param bytes UTF-8 JSON
     * @return the tree
     * @throws IOException when the bytes are not JSON
     */
    static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /**
     * A text field, or null when absent or JSON null. Numbers are returned as their text.
     *
     * @param node an object node
     * @param field the field name
     * @return the text, or null
     */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /**
     * {@return a text field as an Optional}
     *
     * @param node an object node
     * @param field the field name
     */
    static Optional<String> optText(JsonNode node, String field) {
        return Optional.ofNullable(text(node, field));
    }

    /**
     * {@return an integer field, or {@code fallback} when absent or not a number}
     *
     * @param node an object node
     * @param field the field name
     * @param fallback the value when absent
     */
    static long number(JsonNode node, String field, long fallback) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /**
     * {@return a list of strings from an array field; empty when absent}
     *
     * @param node an object node
     * @param field the field name
     */
    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isArray()) {
            v.forEach(e -> {
                if (e.isValueNode() && !e.isNull()) {
                    out.add(e.asText());
                }
            });
        }
        return List.copyOf(out);
    }
}
