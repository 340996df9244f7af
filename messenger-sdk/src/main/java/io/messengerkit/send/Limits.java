package io.messengerkit.send;

/** The Send API's published limits, checked before a request leaves. */
final class Limits {
    static final int TEXT = 2000;
    static final int METADATA = 1000;
    static final int QUICK_REPLIES = 13;
    static final int QUICK_REPLY_TITLE = 20;
    static final int PAYLOAD = 1000;
    static final int BUTTON_TITLE = 20;
    static final int BUTTONS = 3;
    static final int GENERIC_ELEMENTS = 10;
    static final int ELEMENT_TITLE = 80;
    static final int ELEMENT_SUBTITLE = 80;
    static final int BUTTON_TEMPLATE_TEXT = 640;
    static final int PRODUCT_ELEMENTS = 10;
    static final int RECEIPT_ELEMENTS = 100;
    static final int IMAGE_GRID_TITLE = 45;
    static final int FEEDBACK_TITLE = 65;

    private Limits() {
    }

    /** Length in characters as Meta counts them (code points, so an emoji counts once). */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidMessageException(field + " must not be blank");
        }
        return value;
    }

    static String max(String value, int limit, String field) {
        if (value != null && length(value) > limit) {
            throw new InvalidMessageException(field + " has " + length(value) + " characters; the limit is " + limit);
        }
        return value;
    }

    static <T> java.util.List<T> list(java.util.List<T> values, int min, int max, String field) {
        java.util.List<T> copy = values == null ? java.util.List.of() : java.util.List.copyOf(values);
        if (copy.size() < min || copy.size() > max) {
            throw new InvalidMessageException(field + " must have " + (min == max ? String.valueOf(min)
                    : min + " to " + max) + " entries, got " + copy.size());
        }
        return copy;
    }
}
