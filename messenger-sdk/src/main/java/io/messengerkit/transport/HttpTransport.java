package io.messengerkit.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one thing the SDK needs from an HTTP stack: send a request, get the whole response back.
 *
 * <p>Implement it to route Graph calls through your own client, proxy or instrumentation. An
 * implementation must be thread-safe, must return every HTTP status as a {@link TransportResponse}
 * (a 500 is a response, not a failure) and must complete the future exceptionally with a
 * {@link TransportException} when no response was received, saying whether the request may have
 * reached the server. It must not log request URIs, headers or bodies unredacted: they carry
 * tokens. A request with a {@link TransportRequest#streamingBody() streaming body} (attachment
 * uploads) must be sent from that stream, with its length when known and chunked otherwise.
 *
 * <p>{@link #jdk(Duration)} is the default, built on {@link java.net.http.HttpClient}.
 */
public interface HttpTransport {

    /**
     * Sends the request without blocking the caller.
     *
     * @param request the request
     * @return completes with any HTTP response, or fails with {@link TransportException}
     */
    CompletableFuture<TransportResponse> sendAsync(TransportRequest request);

    /**
     * Sends the request and waits for the response.
     *
     * @param request the request
     * @return the response, whatever its status
     * @throws TransportException when no response was received
     */
    default TransportResponse send(TransportRequest request) {
        try {
            return sendAsync(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new TransportException("HTTP exchange failed: " + request, true, e.getCause());
        }
    }

    /**
     * The default transport on {@link java.net.http.HttpClient}: one shared connection pool, HTTP/2
     * where the server offers it, HTTP/1.1 otherwise. Where the common pool has fewer than two threads
     * (two CPUs or fewer), each call blocks on one of the transport's reused daemon threads, because
     * the client's own {@code sendAsync} would start a new thread for every answer there.
     *
     * @param connectTimeout time allowed to open a connection
     * @return the transport
     */
    static HttpTransport jdk(Duration connectTimeout) {
        return new JdkHttpTransport(connectTimeout);
    }
}
