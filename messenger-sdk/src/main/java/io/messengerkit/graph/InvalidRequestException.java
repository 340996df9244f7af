package io.messengerkit.graph;

/**
 * Graph rejected a parameter (code 100 without a more specific subcode). Usually a bug or bad input;
 * for a {@code MESSAGE_TAG} send it can also mean the tag has been retired by Meta. Not retried.
 */
public class InvalidRequestException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public InvalidRequestException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
