package io.messengerkit.graph;

/**
 * Another app (the Page inbox included) controls the conversation, so this app may not send in
 * it or move it (subcode 2018300; 2534037 on Instagram). Not retried: stay quiet until control
 * comes back ({@code pass_thread_control} naming this app) or take it with
 * {@link ConversationRouting#takeThreadControl}.
 */
public class ThreadControlledElsewhereException extends GraphException {
    private static final long serialVersionUID = 1L;

    /**
     * A failure of this class.
     *
     * @param error Graph's error, as parsed
     * @param usage the usage headers of the failed response
     */
    public ThreadControlledElsewhereException(GraphError error, GraphUsage usage) {
        super(error, usage);
    }
}
