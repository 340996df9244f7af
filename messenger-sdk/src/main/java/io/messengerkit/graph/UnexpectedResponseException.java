package io.messengerkit.graph;

/**
 * The response was not something Graph sends: an error status with a non-JSON body (a proxy's HTML
 * page, an empty body), or a success whose body could not be read. The message says what arrived
 * (status, content type, size) without quoting the body.
 */
public class UnexpectedResponseException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public UnexpectedResponseException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }

    /**
     * A response that could not be read.
     *
     * @param error what is known about the response
     * @param usage the usage headers of the response
     * @param cause why the body could not be read
     */
    public UnexpectedResponseException(GraphError error, GraphUsage usage, Throwable cause) {
        super(error, usage, cause);
    }
}
