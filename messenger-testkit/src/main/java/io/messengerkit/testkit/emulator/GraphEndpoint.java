package io.messengerkit.testkit.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Graph API side of the emulator's HTTP server: parses a call, lets an injected fault take it,
 * has the {@link GraphRouter} answer it, turns errors into Meta's error answer and records the call.
 */
final class GraphEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PlatformEmulator.class.getName());

    private final GraphRouter router;
    private final FaultPlan faults;
    private final CallLog calls;
    private final RefusedSends refusedSends;
    private final Clock clock;
    private final String defaultVersion;
    private final CountDownLatch closed = new CountDownLatch(1);

    GraphEndpoint(GraphRouter router, FaultPlan faults, CallLog calls, RefusedSends refusedSends, Clock clock,
            String defaultVersion) {
        this.router = router;
        this.faults = faults;
        this.calls = calls;
        this.refusedSends = refusedSends;
        this.clock = clock;
        this.defaultVersion = defaultVersion;
    }

    /** The answer to write, or null when a fault drops the connection. */
    Reply answer(HttpExchange exchange) throws IOException {
        Instant received = clock.instant();
        GraphRequest request;
        try {
            request = GraphRequest.parse(exchange);
        } catch (GraphErrorException e) {
            return errorReply(e.error());
        }
        String version = request.version == null ? defaultVersion : request.version;
        Fault fault = faults.take(request.path,
                request.body == null ? "" : new String(request.body, java.nio.charset.StandardCharsets.UTF_8));
        EmulatedGraphError refusal = null;
        if (fault != null) {
            switch (fault.kind()) {
                case DELAY -> awaitQuietly(fault.delayDuration());
                case DROP -> {
                    calls.record(received, request, 0, "");
                    return null;
                }
                case ERROR -> refusal = fault.graphError();
            }
        }
        Reply reply;
        if (refusal == null) {
            try {
                reply = router.handle(request);
            } catch (GraphErrorException e) {
                refusal = e.error();
                reply = errorReply(refusal);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "emulator failed on " + request.method + " " + request.path, e);
                refusal = new EmulatedGraphError(500, 1, null, "OAuthException", "An unknown error has occurred.", null);
                reply = errorReply(refusal);
            }
        } else {
            reply = errorReply(refusal);
        }
        reply.header("facebook-api-version", version);
        long sequence = calls.record(received, request, reply.status(), reply.bodyText());
        if (refusal != null) {
            refusedSends.record(sequence, received, request, refusal);
        }
        return reply;
    }

    /** Meta's error body with a fresh trace id, and {@code WWW-Authenticate} for token errors. */
    private static Reply errorReply(EmulatedGraphError error) {
        String trace = Reply.newTraceId();
        Reply reply = Reply.json(error.httpStatus(), error.body(trace));
        reply.header("x-fb-trace-id", trace);
        if (error.code() == 190 || error.code() == 102) {
            reply.header("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \""
                    + error.message().replace("\"", "'") + "\"");
        }
        return reply;
    }

    private void awaitQuietly(Duration delay) {
        try {
            closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Releases the calls a delay fault holds. */
    @Override
    public void close() {
        closed.countDown();
    }
}
