package io.messengerkit.jakarta.rest;

/** Maps Graph API failures to problems. */
final class GraphProblems {
    private GraphProblems() {
    }

    /** The problem for a Graph failure, or null if {@code exception} is not one. */
    static ApiProblem toProblem(Throwable exception) {
        return null;
    }
}
