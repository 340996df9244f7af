package io.messengerkit.token;

import java.util.List;

/**
 * The outcome of a {@link TokenHealthChecker} run: one {@link TokenHealth} per stored token.
 *
 * @param results every token looked at
 */
public record HealthReport(List<TokenHealth> results) {

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param results every token looked at
     */
    public HealthReport {
        results = List.copyOf(results);
    }

    /**
     * Keys of the accounts and pages whose users must reconnect (token expired or rejected).
     *
     * @return their keys
     */
    public List<TokenKey> needsReconnect() {
        return results.stream().filter(TokenHealth::needsReconnect).map(TokenHealth::key).toList();
    }

    /**
     * Tokens that became unusable in this run: the ones to alert about.
     *
     * @return their results
     */
    public List<TokenHealth> newlyUnusable() {
        return results.stream().filter(h -> h.needsReconnect() && h.statusChanged()).toList();
    }

    /**
     * Tokens the check could not decide about, with the reason.
     *
     * @return their results
     */
    public List<TokenHealth> problems() {
        return results.stream().filter(h -> h.problem().isPresent()).toList();
    }

    /**
     * How many tokens Meta confirmed as valid.
     *
     * @return the count
     */
    public long valid() {
        return results.stream().filter(h -> h.inspected() && h.status().usable()).count();
    }
}
