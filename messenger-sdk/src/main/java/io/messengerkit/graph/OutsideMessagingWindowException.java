package io.messengerkit.graph;

/**
 * The message was sent outside the standard messaging window (code 10 or 100 with subcode 2018278
 * or 2018065). Not retried: wait for the person to write, or use an approved message tag.
 */
public class OutsideMessagingWindowException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public OutsideMessagingWindowException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
