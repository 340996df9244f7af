package io.messengerkit.graph;

/**
 * No response arrived: the connection was refused, reset or timed out. {@link #requestMayHaveBeenSent()}
 * says whether Meta could have received the request; a send is retried only when it could not.
 */
public class GraphConnectionException extends GraphException {
    private static final long serialVersionUID = 1L;

    /** Whether Meta may have received the request. */
    private final boolean requestMayHaveBeenSent;

    /**
     * A call that got no HTTP response.
     *
     * @param error what is known about the call
     * @param requestMayHaveBeenSent whether Meta may have received the request
     * @param cause the transport failure
     */
    public GraphConnectionException(GraphError error, boolean requestMayHaveBeenSent, Throwable cause) {
        super(error, GraphUsage.NONE, cause);
        this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    }

    /**
     * False only when the request certainly never reached the server.
     *
     * @return false only when the request certainly never left (refused, connect timeout, unknown host)
     */
    public boolean requestMayHaveBeenSent() {
        return requestMayHaveBeenSent;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
