package io.messengerkit.graph;

/**
 * The response was not something Graph sends: an error status with a non-JSON body (a proxy's HTML
 * page, an empty body), or a success whose body could not be read. The message says what arrived
 * (status, content type, size) without quoting the body.
 */
public class UnexpectedResponseException extends GraphException {
    private static final long serialVersionUID = 1L;

    public UnexpectedResponseException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }

    public UnexpectedResponseException(GraphError error, GraphUsage usage, Throwable cause) {
        super(error, usage, cause);
    }
}
