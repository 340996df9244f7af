package io.messengerkit.webhook;

/**
 * What became of one delivery's events, once every handler has finished.
 *
 * <p>An inbox worker marks a delivery done when {@link #needsRetry()} is false, and failed (to be
 * dispatched again later) when it is true: events that were handled are recorded in the
 * de-duplication ledger and are skipped on the retry, failed ones were released and run again.
 *
 * @param events events in the body
 * @param dispatched events whose handlers all succeeded
 * @param duplicates events skipped because the ledger had them already
 * @param failed events where a handler (or the ledger) threw; their claims were released
 * @param unparseable events that could not be read (an {@code UnparseableEvent}), or 1 for a body
 *     that could not be parsed at all (then {@code events} is 0)
 * @param ignored events no handler was registered for, echoes and standby events without their
 *     handler among them
 */
public record DispatchReport(int events, int dispatched, int duplicates, int failed, int unparseable, int ignored) {

    /** {@return true when some event failed and dispatching the same body again may succeed} */
    public boolean needsRetry() {
        return failed > 0;
    }

    /** {@return true when nothing failed and nothing was unparseable} */
    public boolean clean() {
        return failed == 0 && unparseable == 0;
    }
}
