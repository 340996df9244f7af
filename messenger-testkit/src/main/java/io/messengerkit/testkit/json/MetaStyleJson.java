package io.messengerkit.testkit.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes JSON the way Meta's servers do: compact, pure ASCII, every non-ASCII UTF-16 unit as a
 * lower-case {@code \\uXXXX} escape (so an emoji becomes a surrogate pair), {@code /} as
 * {@code \\/}, and every character JSON requires escaping escaped ({@code "}, {@code \\} and the
 * control characters U+0000 to U+001F, the common ones in their short forms {@code \\b}, {@code \\f},
 * {@code \\n}, {@code \\r}, {@code \\t}).
 *
 * <p>Webhook signatures are computed over exactly these bytes, so a receiver that parses and
 * re-serialises a body before verifying it fails on them just as it would against the real platform.
 * The emulator answers with it and the webhook trigger signs it; use it for bodies of your own:
 *
 * <pre>{@code
 * byte[] body = MetaStyleJson.bytes(MetaStyleJson.object(
 *         "object", "page",
 *         "entry", List.of(MetaStyleJson.object("id", pageId, "time", 1795000000000L, "messaging", events))));
 * }</pre>
 *
 * <p>Writes maps (in their iteration order, keys as text), collections and arrays, character
 * sequences, booleans, integral numbers, finite floating-point numbers and null. Anything else is
 * refused with an {@link IllegalArgumentException} rather than written in a shape Meta never sends.
 */
public final class MetaStyleJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MetaStyleJson() {
    }

    /**
     * The value as Meta-style JSON bytes.
     *
     * @param value a map, collection, array, character sequence, boolean, number or null
     * @return the JSON, ASCII only
     * @throws IllegalArgumentException for a value JSON cannot represent (a non-finite number, an
     *     unsupported type)
     */
    public static byte[] bytes(Object value) {
        return string(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The value as Meta-style JSON text.
     *
     * @param value a map, collection, array, character sequence, boolean, number or null
     * @return the JSON, ASCII only
     * @throws IllegalArgumentException for a value JSON cannot represent (a non-finite number, an
     *     unsupported type)
     */
    public static String string(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    /**
     * A JSON object whose members keep the order given, for building bodies in the order Meta
     * writes them.
     *
     * @param namesAndValues name, value, name, value...; names are strings, values anything
     *     {@link #string(Object)} writes (null included)
     * @return a new modifiable map iterating in the given order
     * @throws IllegalArgumentException when a name is missing, null or not a string
     */
    public static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs; got "
                    + namesAndValues.length + " arguments");
        }
        Map<String, Object> members = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("argument " + i + " must be a member name (a string)");
            }
            members.put(name, namesAndValues[i + 1]);
        }
        return members;
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence text) {
            writeString(out, text);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Number number) {
            double d = number.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no representation for " + d);
            }
            out.append(number);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else if (value instanceof Object[] array) {
            write(out, Arrays.asList(array));
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeString(StringBuilder out, CharSequence text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters must be escaped; everything past '~' is, to stay ASCII.
                    if (c < 0x20 || c > 0x7e) {
                        out.append("\\u")
                                .append(HEX[(c >> 12) & 0xf])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
