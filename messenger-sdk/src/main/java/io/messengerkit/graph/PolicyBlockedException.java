package io.messengerkit.graph;

/**
 * Meta blocked the page or app for policy reasons (code 368; 10/1893063 page restricted from
 * messaging). Not retried: stop sending from this page and check the Page Quality tab.
 */
public class PolicyBlockedException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public PolicyBlockedException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
