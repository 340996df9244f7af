package io.messengerkit.graph;

/**
 * This person cannot be messaged right now (code 551; 100/2018001 no matching user; 10/2018108;
 * 200/1545041). Not retried: mark the recipient undeliverable until they write again.
 */
public class RecipientUnavailableException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public RecipientUnavailableException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
