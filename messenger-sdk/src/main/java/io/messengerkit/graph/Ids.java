package io.messengerkit.graph;

import java.util.regex.Pattern;

/** Checks ids before they become URL path segments, so an id can never change the path. */
final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private Ids() {
    }

    /**
     * {@return the id, if it is a plausible Graph id}
     *
     * @param id the id
     * @param what what the id names, for the error message
     */
    static String check(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " must be a Graph id (letters, digits, '_' or '-')");
        }
        return id;
    }
}
