package io.messengerkit.webhook;

/**
 * A value of an event has the wrong shape; the event becomes an
 * {@link io.messengerkit.webhook.event.UnparseableEvent} and its neighbours are read on. No stack
 * trace: it is control flow inside the parser, caught at the event's boundary.
 */
final class BadEvent extends Exception {
    private static final long serialVersionUID = 1L;

    BadEvent(String problem) {
        super(problem, null, false, false);
    }

    /** {@code owner.field problem}, e.g. {@code message.mid is not a string}; owner may be null. */
    BadEvent(String owner, String field, String problem) {
        this(name(owner, field) + " " + problem);
    }

    /** {@return {@code owner.field}, or {@code field} alone when there is no owner} */
    static String name(String owner, String field) {
        return owner == null ? field : owner + "." + field;
    }
}
