package io.messengerkit.transport;

import io.messengerkit.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link HttpTransport} on the JDK's {@link HttpClient}. */
final class JdkHttpTransport implements HttpTransport {
    // The JDK client refuses to set these itself.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** Graph answers are small; a larger body means something other than Graph is answering. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /**
     * Whether calls run as blocking sends on {@link #CALLERS} instead of through the client's own
     * {@code sendAsync}. The JDK client hands every {@code sendAsync} answer to
     * {@code CompletableFuture}'s default executor, which, when the common pool has fewer than two
     * threads (a machine or container with two CPUs or fewer), starts a new thread for each task: one
     * thread created and destroyed per Graph call, which cost three quarters of the send throughput
     * measured on two cores (docs/benchmarks.md). There, a blocking send on a reused thread is cheaper.
     */
    static final boolean BLOCKING_ON_OWN_THREADS = ForkJoinPool.getCommonPoolParallelism() < 2;

    /** Reused daemon threads for {@link #BLOCKING_ON_OWN_THREADS}; idle ones end after a minute. */
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "messengerkit-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });

    private final HttpClient client;
    private final int maxBodyBytes;
    private final boolean blocking;

    JdkHttpTransport(Duration connectTimeout) {
        this(connectTimeout, MAX_BODY_BYTES);
    }

    JdkHttpTransport(Duration connectTimeout, int maxBodyBytes) {
        this(connectTimeout, maxBodyBytes, BLOCKING_ON_OWN_THREADS);
    }

    JdkHttpTransport(Duration connectTimeout, int maxBodyBytes, boolean blocking) {
        this.maxBodyBytes = maxBodyBytes;
        this.blocking = blocking;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(request.timeout())
                .method(request.method(), publisher(request));
        if (request.streamingBody() != null && request.streamingBody().contentLength() < 0) {
            // A chunked body cannot ride an h2c upgrade; TLS connections still negotiate HTTP/2 by ALPN.
            if ("http".equalsIgnoreCase(request.uri().getScheme())) {
                builder.version(HttpClient.Version.HTTP_1_1);
            }
        }
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpRequest built = builder.build();
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        if (blocking) {
            try {
                CALLERS.execute(() -> {
                    try {
                        HttpResponse<byte[]> response = client.send(built, info -> new BoundedBody(maxBodyBytes));
                        result.complete(new TransportResponse(response.statusCode(), response.headers().map(),
                                response.body()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        result.completeExceptionally(translate(request, e));
                    } catch (IOException | RuntimeException e) {
                        result.completeExceptionally(translate(request, e));
                    }
                });
            } catch (RejectedExecutionException e) {
                result.completeExceptionally(translate(request, e));
            }
            return result;
        }
        client.sendAsync(built, info -> new BoundedBody(maxBodyBytes)).whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(new TransportResponse(response.statusCode(), response.headers().map(), response.body()));
            } else {
                result.completeExceptionally(translate(request, failure));
            }
        });
        return result;
    }

    private static HttpRequest.BodyPublisher publisher(TransportRequest request) {
        StreamingBody stream = request.streamingBody();
        if (stream != null) {
            HttpRequest.BodyPublisher in = HttpRequest.BodyPublishers.ofInputStream(() -> {
                try {
                    return stream.open();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return stream.contentLength() < 0 ? in : HttpRequest.BodyPublishers.fromPublisher(in, stream.contentLength());
        }
        return request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
    }

    private static TransportException translate(TransportRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean neverSent = cause instanceof ConnectException
                || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof UnresolvedAddressException;
        Throwable tooLarge = cause;
        while (tooLarge != null && !(tooLarge instanceof BodyTooLargeException)) {
            tooLarge = tooLarge.getCause();
        }
        String what = tooLarge != null ? tooLarge.getMessage()
                : cause instanceof IOException ? cause.getClass().getSimpleName() : "failure";
        // The cause's own message may quote the URI, so it is not copied into ours.
        return new TransportException(request + " failed (" + what + (neverSent ? ", not sent" : "") + ")",
                !neverSent, new RedactedCause(cause));
    }

    /** The response body was larger than the transport accepts. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int limit) {
            super("response body exceeds " + limit + " bytes");
        }
    }

    /** Collects a response body, failing once it exceeds a limit instead of growing without bound. */
    static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(java.util.List<java.nio.ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    // Not cancelled: cancelling an HTTP/2 stream replaces this failure with a vaguer one.
                    // The rest of the body is read and dropped, so memory stays bounded.
                    bytes.reset();
                    result.completeExceptionally(new BodyTooLargeException(limit));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /** Keeps the cause's type and stack but not its message, which may quote a URL with secrets. */
    private static final class RedactedCause extends IOException {
        private static final long serialVersionUID = 1L;

        RedactedCause(Throwable original) {
            super(original.getClass().getName() + ": "
                    + Redactor.redact(String.valueOf(original.getMessage())));
            setStackTrace(original.getStackTrace());
        }
    }
}
