package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.messengerkit.MessengerException;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.config.RetryPolicy;
import io.messengerkit.graph.GraphClient.Sleeper;
import io.messengerkit.Redactor;
import io.messengerkit.metrics.GraphCallResult;
import io.messengerkit.metrics.MessengerMetrics;
import io.messengerkit.transport.HttpTransport;
import io.messengerkit.transport.TransportException;
import io.messengerkit.transport.TransportRequest;
import io.messengerkit.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Puts {@link GraphCall}s on the wire: builds the request (token in the Authorization header,
 * {@code appsecret_proof} beside it), retries what may be retried, classifies errors, reads usage
 * headers and logs every exchange with secrets removed.
 *
 * <p>Retry rule. An idempotent call is retried on transient errors, rate limits and connection
 * failures. A non-idempotent call (a message send) is retried only when the failure proves Meta did
 * not accept it: Graph answered with its own error JSON saying the failure was transient (codes 1,
 * 2, 1200 or {@code is_transient}) or a rate limit, an HTTP 429, or the connection failed before the
 * request was sent. A timeout, a reset connection, a 5xx page from a proxy and code 1/1357046 may
 * hide a delivered message, so they are thrown instead of risking a duplicate.
 */
final class GraphEngine {
    private static final System.Logger LOG = System.getLogger("io.messengerkit.graph");
    private static final String USER_AGENT = "messengerkit-java/0.1";
    private static final int USAGE_WARNING_PERCENT = 90;

    private final MessengerConfig config;
    private final HttpTransport transport;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Consumer<GraphUsage> usageListener;
    private final MessengerMetrics metrics;
    private final AtomicReference<GraphUsage> lastUsage = new AtomicReference<>(GraphUsage.NONE);
    /**
     * Send limiters by page token, least recently used first. Bounded so rotated tokens and pages no
     * longer served do not accumulate; a limiter idle long enough to be evicted holds no useful state.
     */
    private final Map<String, SendRateLimiter> limiters = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SendRateLimiter> eldest) {
            return size() > MAX_LIMITERS;
        }
    };
    private static final int MAX_LIMITERS = 10_000;
    /** Per token: until when Meta asked for a pause, in epoch millis. */
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();

    /**
     * The engine behind a {@code GraphClient}.
     *
     * @param config the configuration
     * @param transport the HTTP stack
     * @param sleeper how to wait
     * @param clock the time source
     * @param random jitter in {@code [0, 1)}
     * @param usageListener called with usage headers; may be null
     */
    GraphEngine(MessengerConfig config, HttpTransport transport, Sleeper sleeper, Clock clock,
            DoubleSupplier random, Consumer<GraphUsage> usageListener) {
        this(config, transport, sleeper, clock, random, usageListener, MessengerMetrics.NONE);
    }

    /**
     * The engine behind a {@code GraphClient}, reporting calls, retries and usage to {@code metrics}.
     *
     * @param config the configuration
     * @param transport the HTTP stack
     * @param sleeper how to wait
     * @param clock the time source
     * @param random jitter in {@code [0, 1)}
     * @param usageListener called with usage headers; may be null
     * @param metrics the metrics listener; may be null
     */
    GraphEngine(MessengerConfig config, HttpTransport transport, Sleeper sleeper, Clock clock,
            DoubleSupplier random, Consumer<GraphUsage> usageListener, MessengerMetrics metrics) {
        this.metrics = MessengerMetrics.safe(metrics);
        this.config = Objects.requireNonNull(config);
        this.transport = Objects.requireNonNull(transport);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
        this.usageListener = usageListener == null ? u -> { } : usageListener;
    }

    /** {@return the configuration} */
    MessengerConfig config() {
        return config;
    }

    /** {@return the time source} */
    Clock clock() {
        return clock;
    }

    /** {@return the usage headers of the most recent response that carried any} */
    GraphUsage lastUsage() {
        return lastUsage.get();
    }

    /**
     * {@return the send limiter shared by every messenger bound to the same page token}
     *
     * @param pageToken the page access token
     */
    SendRateLimiter limiterFor(io.messengerkit.AccessToken pageToken) {
        // Keyed by the token's HMAC so the map never holds the token value itself.
        String key = config.appSecret().appSecretProof(pageToken);
        synchronized (limiters) {
            return limiters.computeIfAbsent(key, k -> new SendRateLimiter(
                    config.sendsPerSecond(), config.mediaSendsPerSecond(), clock, sleeper));
        }
    }

    /**
     * Runs a call with retries.
     *
     * @param call the call
     * @return completes with the response, or fails with a {@code GraphException}
     */
    CompletableFuture<GraphResponse> execute(GraphCall call) {
        return execute(call, () -> NO_LIMIT);
    }

    private static final CompletableFuture<SendRateLimiter.Permit> NO_LIMIT =
            CompletableFuture.completedFuture(() -> { });

    /**
     * Runs a call with retries, waiting for a permit of {@code beforeAttempt} (a rate limiter)
     * before each attempt; the permit is released once that attempt's answer or failure is in.
     *
     * @param call the call
     * @param beforeAttempt completes with a permit when an attempt may start
     * @return completes with the response, or fails with a {@code GraphException}
     */
    CompletableFuture<GraphResponse> execute(GraphCall call,
            Supplier<CompletableFuture<SendRateLimiter.Permit>> beforeAttempt) {
        TransportRequest request;
        try {
            request = toRequest(call);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return attempt(call, request, beforeAttempt, 1, clock.millis());
    }

    /**
     * Waits for a future and rethrows its failure unwrapped, so callers see the SDK's exceptions.
     *
     * @param <T> the result type
     * @param future the future
     * @return its result
     */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new MessengerException("Graph call failed", cause);
        }
    }

    /** The key of the token's pause: its proof, so the map never holds the token itself. */
    private String pauseKey(GraphCall call) {
        return call.token() == null ? "" : config.appSecret().appSecretProof(call.token());
    }

    /**
     * Honours a pause Meta asked for on this token (a rate limit with an advised wait): waits it out
     * when that fits the retry budget, otherwise fails at once without calling, because every call
     * made while throttled extends the throttling.
     */
    private CompletableFuture<Void> respectPause(GraphCall call, long startMillis) {
        String key = pauseKey(call);
        Long until = pausedUntil.get(key);
        long now = clock.millis();
        if (until == null || until <= now) {
            if (until != null) {
                pausedUntil.remove(key, until);
            }
            return CompletableFuture.completedFuture(null);
        }
        Duration remaining = Duration.ofMillis(until - now);
        if (now - startMillis + remaining.toMillis() > config.retryPolicy().maxTotalTime().toMillis()) {
            GraphError e = new GraphError(0, 0, 0, call.name() + " not sent: Meta asked to pause calls with this"
                    + " token for another " + remaining.toSeconds() + " s", null, null, false, null, null);
            return CompletableFuture.failedFuture(new RateLimitedException(e, lastUsage.get(), remaining));
        }
        return sleeper.sleep(remaining);
    }

    private void recordPause(GraphCall call, GraphException failure) {
        Duration advised = ErrorClassifier.advisedWait(failure);
        if (advised != null && !advised.isZero() && !advised.isNegative()) {
            pausedUntil.merge(pauseKey(call), clock.millis() + advised.toMillis(), Math::max);
        }
    }

    private CompletableFuture<GraphResponse> attempt(GraphCall call, TransportRequest request,
            Supplier<CompletableFuture<SendRateLimiter.Permit>> beforeAttempt, int attempt, long startMillis) {
        return respectPause(call, startMillis)
                .thenCompose(paused -> beforeAttempt.get())
                .thenCompose(permit -> {
                    long sentAt = clock.millis();
                    CompletableFuture<TransportResponse> exchange;
                    try {
                        exchange = transport.sendAsync(request);
                    } catch (RuntimeException e) {
                        // A transport that throws instead of failing its future is treated the same way.
                        exchange = CompletableFuture.failedFuture(e);
                    }
                    return exchange.handle((response, failure) -> {
                        permit.release();
                        return outcome(call, request, response, failure, sentAt);
                    });
                })
                .thenCompose(outcome -> {
                    boolean send = "/me/messages".equals(call.path());
                    if (outcome.response != null) {
                        metrics.graphCallCompleted(new GraphCallResult(call.name(), send, true, 0, attempt));
                        return CompletableFuture.completedFuture(outcome.response);
                    }
                    GraphException failure = outcome.failure;
                    recordPause(call, failure);
                    Duration delay = retryDelay(call, failure, attempt, startMillis);
                    if (delay == null) {
                        metrics.graphCallCompleted(new GraphCallResult(call.name(), send, false, failure.code(), attempt));
                        return CompletableFuture.failedFuture(failure);
                    }
                    metrics.graphCallRetried(call.name(), send);
                    LOG.log(System.Logger.Level.WARNING, "{0} attempt {1} failed: {2}; retrying in {3} ms",
                            call.name(), attempt, failure.getMessage(), delay.toMillis());
                    // The pause recorded above already covers an advised wait; sleep only the rest.
                    Long until = pausedUntil.get(pauseKey(call));
                    Duration rest = until == null ? delay
                            : delay.minusMillis(Math.max(0, until - clock.millis()));
                    CompletableFuture<Void> wait = rest.isNegative() || rest.isZero()
                            ? CompletableFuture.completedFuture(null) : sleeper.sleep(rest);
                    return wait.thenCompose(v -> attempt(call, request, beforeAttempt, attempt + 1, startMillis));
                });
    }

    private record Outcome(GraphResponse response, GraphException failure) {
    }

    private Outcome outcome(GraphCall call, TransportRequest request, TransportResponse response, Throwable failure,
            long sentAt) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            boolean maySent = !(cause instanceof TransportException te) || te.requestMayHaveBeenSent();
            String detail = cause instanceof TransportException ? cause.getMessage() : request + " failed ("
                    + cause.getClass().getSimpleName() + ")";
            LOG.log(System.Logger.Level.DEBUG, "{0} -> no response after {1} ms", request, clock.millis() - sentAt);
            GraphError e = new GraphError(0, 0, 0, Redactor.redact(detail), null, null, false, null, null);
            return new Outcome(null, new GraphConnectionException(e, maySent, cause));
        }
        GraphUsage usage = UsageHeaders.parse(response);
        if (!usage.isEmpty()) {
            lastUsage.set(usage);
            notifyUsage(call, usage);
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} -> HTTP {1} in {2} ms", request, response.status(),
                clock.millis() - sentAt);
        if (response.status() >= 200 && response.status() < 300) {
            try {
                JsonNode body = response.body().length == 0 ? NullNode.getInstance() : Json.parse(response.body());
                return new Outcome(new GraphResponse(response.status(), body, usage), null);
            } catch (IOException e) {
                GraphError err = new GraphError(response.status(), 0, 0, call.name() + " answered HTTP "
                        + response.status() + " with a body that is not JSON ("
                        + response.header("content-type").orElse("no content type") + ", " + response.body().length
                        + " bytes)", null, null, false, null, null);
                return new Outcome(null, new UnexpectedResponseException(err, usage));
            }
        }
        GraphException ex = ErrorClassifier.classify(response, usage, text -> scrub(call, text));
        return new Outcome(null, ex);
    }

    private void notifyUsage(GraphCall call, GraphUsage usage) {
        if (usage.maxPercent() >= USAGE_WARNING_PERCENT) {
            LOG.log(System.Logger.Level.WARNING, "{0}: Graph usage at {1}% of the allowance; slow down",
                    call.name(), usage.maxPercent());
        }
        UsageMetrics.report(usage, metrics);
        try {
            usageListener.accept(usage);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "usage listener failed: {0}", e.getClass().getName());
        }
    }

    /** Masks every secret value this call carried, wherever it appears in {@code text}. */
    private String scrub(GraphCall call, String text) {
        List<String> secrets = new java.util.ArrayList<>();
        secrets.add(config.appSecret().reveal());
        if (call.token() != null) {
            secrets.add(call.token().reveal());
        }
        for (Map<String, String> params : java.util.Arrays.asList(call.query(), call.form())) {
            if (params != null) {
                params.forEach((k, v) -> {
                    if (Redactor.isSecretName(k)) {
                        secrets.add(v);
                    }
                });
            }
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 8) {
                result = result.replace(secret, Redactor.MASK);
            }
        }
        return result;
    }

    /** The wait before the next attempt, or null when the failure is final. */
    private Duration retryDelay(GraphCall call, GraphException failure, int attempt, long startMillis) {
        RetryPolicy policy = config.retryPolicy();
        if (attempt >= policy.maxAttempts()) {
            return null;
        }
        if (call.multipart() != null && !call.multipart().replayable()) {
            return null; // a stream upload was (or may have been) read: it cannot be sent again
        }
        boolean retry = call.idempotent() ? failure.isRetryable() : provenNotAccepted(failure);
        if (!retry) {
            return null;
        }
        Duration ceiling = policy.backoffCeiling(attempt);
        long half = ceiling.toMillis() / 2;
        Duration delay = Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling.toMillis() - half)));
        Duration advised = ErrorClassifier.advisedWait(failure);
        if (advised != null && advised.compareTo(delay) > 0) {
            delay = advised;
        }
        long elapsed = clock.millis() - startMillis;
        if (elapsed + delay.toMillis() > policy.maxTotalTime().toMillis()) {
            return null;
        }
        return delay;
    }

    /** True when the failure shows Meta did not act on the request, so sending it again is safe. */
    static boolean provenNotAccepted(GraphException failure) {
        if (failure instanceof GraphConnectionException c) {
            return !c.requestMayHaveBeenSent();
        }
        if (failure instanceof RateLimitedException) {
            return true;
        }
        return failure instanceof TransientGraphException && failure.error().fromGraph();
    }

    private TransportRequest toRequest(GraphCall call) {
        Map<String, String> query = new LinkedHashMap<>(call.query());
        if (call.token() != null && call.proof()) {
            query.put("appsecret_proof", config.appSecret().appSecretProof(call.token()));
        }
        StringBuilder url = new StringBuilder(config.baseUrl().toString());
        if (call.versioned()) {
            url.append('/').append(config.apiVersion().name());
        }
        url.append(call.path());
        if (!query.isEmpty()) {
            url.append('?').append(formEncode(query));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        headers.put("User-Agent", List.of(USER_AGENT));
        if (call.token() != null) {
            headers.put("Authorization", List.of("Bearer " + call.token().reveal()));
        }
        byte[] body = null;
        if (call.form() != null) {
            headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
            body = formEncode(call.form()).getBytes(StandardCharsets.UTF_8);
        } else if (call.json() != null) {
            headers.put("Content-Type", List.of("application/json"));
            body = call.json();
        } else if (call.multipart() != null) {
            headers.put("Content-Type", List.of(call.multipart().contentType()));
        }
        return new TransportRequest(call.method(), URI.create(url.toString()), headers, body, config.requestTimeout(),
                call.multipart());
    }

    /**
     * Form/query encoding, for request bodies and query strings.
     *
     * @param params the parameters
     * @return {@code name=value} pairs joined with {@code &}
     */
    static String formEncode(Map<String, String> params) {
        StringBuilder s = new StringBuilder();
        params.forEach((k, v) -> {
            if (s.length() > 0) {
                s.append('&');
            }
            s.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return s.toString();
    }
}
