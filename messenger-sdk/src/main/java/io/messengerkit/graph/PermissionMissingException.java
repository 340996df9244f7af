package io.messengerkit.graph;

/**
 * A permission or app capability is missing (codes 3, 10, 200-299, 1/99), for example
 * {@code pages_messaging} not granted or not approved. Not retried: ask the user to grant it or
 * complete App Review.
 */
public class PermissionMissingException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public PermissionMissingException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
