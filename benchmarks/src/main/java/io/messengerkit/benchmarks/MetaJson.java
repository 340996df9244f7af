package io.messengerkit.benchmarks;

/**
 * Writes JSON the way Meta's webhook sender serialises it: compact, every non-ASCII UTF-16 unit as a
 * lower-case {@code \\uXXXX} escape and {@code /} escaped as {@code \\/}. The result is pure ASCII,
 * so the signed bytes differ from what a re-serialising JSON library would produce: exactly the case
 * the signature check has to get right.
 */
final class MetaJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(1024);
    // One flag per open container: has it received a member yet (so the next one needs a comma)?
    private final boolean[] needsComma = new boolean[64];
    private int depth;
    private boolean afterName;

    MetaJson beginObject() {
        separate();
        out.append('{');
        needsComma[++depth] = false;
        return this;
    }

    MetaJson endObject() {
        out.append('}');
        depth--;
        return this;
    }

    MetaJson beginArray() {
        separate();
        out.append('[');
        needsComma[++depth] = false;
        return this;
    }

    MetaJson endArray() {
        out.append(']');
        depth--;
        return this;
    }

    MetaJson name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    MetaJson value(String value) {
        separate();
        quote(value);
        return this;
    }

    MetaJson value(long value) {
        separate();
        out.append(value);
        return this;
    }

    MetaJson value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    MetaJson field(String name, String value) {
        return name(name).value(value);
    }

    MetaJson field(String name, long value) {
        return name(name).value(value);
    }

    MetaJson field(String name, boolean value) {
        return name(name).value(value);
    }

    String toJson() {
        if (depth != 0) {
            throw new IllegalStateException("unbalanced JSON: depth " + depth);
        }
        return out.toString();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if (needsComma[depth]) {
                out.append(',');
            }
            needsComma[depth] = true;
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
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
