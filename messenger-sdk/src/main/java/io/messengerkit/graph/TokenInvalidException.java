package io.messengerkit.graph;

/**
 * The access token is dead (code 190 with subcodes such as 458 app removed, 460 password changed,
 * 463 expired, 467 logged out; code 102): "reconnect needed". Retrying cannot help: mark the
 * account or page as needing re-authorization and ask its owner to log in again.
 */
public class TokenInvalidException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public TokenInvalidException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }

    /**
     * Always true: the owner of the token has to log in again.
     *
     * @return always true: only a new login helps
     */
    public boolean reconnectNeeded() {
        return true;
    }
}
