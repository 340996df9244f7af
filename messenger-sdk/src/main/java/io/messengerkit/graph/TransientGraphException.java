package io.messengerkit.graph;

/**
 * Meta had a temporary problem (codes 1, 2, 1200, {@code is_transient}, HTTP 5xx). The client
 * already retried within its {@link io.messengerkit.config.RetryPolicy}; this is thrown when the
 * retries ran out or, for a send, when a retry could have delivered the message twice.
 */
public class TransientGraphException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public TransientGraphException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
