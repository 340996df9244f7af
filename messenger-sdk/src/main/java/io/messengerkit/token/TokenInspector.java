package io.messengerkit.token;

import io.messengerkit.AccessToken;
import io.messengerkit.graph.TokenDebugInfo;

/**
 * Asks Meta what it thinks of a token ({@code GET /debug_token}). The Graph client's
 * {@code oauth()::debugToken} is one:
 *
 * <pre>{@code
 * TokenHealthChecker checker = new TokenHealthChecker(tokens, graph.oauth()::debugToken);
 * }</pre>
 *
 * <p>Implementations throw an unchecked exception when they cannot get an answer (network,
 * rate limit); the checker then leaves the token as it was and reports the failure.
 */
@FunctionalInterface
public interface TokenInspector {

    /**
     * Meta's view of {@code token}.
     *
     * @param token the token to ask about
     * @return what {@code debug_token} answered
     */
    TokenDebugInfo inspect(AccessToken token);
}
