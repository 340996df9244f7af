package io.messengerkit.testkit.emulator;

/**
 * One area of the Graph API the emulator answers: OAuth, the Send API, subscriptions, ...
 *
 * <p>An area declares the calls it answers in {@link #register(GraphRoutes)} and holds the rules
 * and Meta-shaped errors of those calls; the {@link GraphRouter} does the rest (authentication,
 * {@code /me}, unknown paths, usage headers, the lock). Adding an area to the emulator (attachment
 * upload, personas, handover, Instagram...) is writing one class like this and adding it to the
 * areas {@link PlatformEmulator} builds its router from; what it needs from the rest of the emulator
 * it takes in its own constructor: the {@link World}, {@link GraphAuth}, {@link Transcripts}...
 *
 * <p>Handlers run under the {@link World} lock, one call at a time, and answer by returning the
 * response body (maps and lists written by {@link io.messengerkit.testkit.json.MetaStyleJson}) or
 * by throwing a {@link GraphErrorException}.
 */
interface GraphArea {

    /** Declares the paths, edges and node reads this area answers. */
    void register(GraphRoutes routes);
}
