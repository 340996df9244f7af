package io.messengerkit.graph;

/**
 * No response arrived: the connection was refused, reset or timed out. {@link #requestMayHaveBeenSent()}
 * says whether Meta could have received the request; a send is retried only when it could not.
 */
public class GraphConnectionException extends GraphException {
    private static final long serialVersionUID = 1L;

    private final boolean requestMayHaveBeenSent;

    public GraphConnectionException(GraphError error, boolean requestMayHaveBeenSent, Throwable cause) {
        super(error, GraphUsage.NONE, cause);
        this.requestMayHaveBeenSent = requestMayHaveBeenSent;
    }

    /** False only when the request certainly never reached the server. */
    public boolean requestMayHaveBeenSent() {
        return requestMayHaveBeenSent;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
