package io.messengerkit.jakarta.error;

import java.util.List;
import java.util.Objects;

/**
 * The input of an operation is wrong: every offending field is named, so a client can fix them
 * all at once.
 */
public final class InvalidInputException extends BackendException {
    private static final long serialVersionUID = 1L;

    /**
     * One offending field.
     *
     * @param field the field as the client named it, such as {@code page_ids}
     * @param message what is wrong with it
     */
    public record Violation(String field, String message) {
        /**
         * Creates the record; the components are as described for the record.
         *
         * @param field the field as the client named it
         * @param message what is wrong with it
         */
        public Violation {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final transient List<Violation> violations;

    /**
     * Invalid input with these violations.
     *
     * @param violations every offending field, at least one
     */
    public InvalidInputException(List<Violation> violations) {
        super("The request has invalid or missing fields.");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * Invalid input in one field.
     *
     * @param field the offending field
     * @param message what is wrong with it
     */
    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    /** {@return every offending field, in the order found} */
    public List<Violation> violations() {
        return violations;
    }
}
