package io.messengerkit.transport;

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

/** {@link HttpTransport} on the JDK's {@link HttpClient}. */
final class JdkHttpTransport implements HttpTransport {
    // The JDK client refuses to set these itself.
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    JdkHttpTransport(Duration connectTimeout) {
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
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure == null) {
                result.complete(new TransportResponse(response.statusCode(), response.headers().map(), response.body()));
            } else {
                result.completeExceptionally(translate(request, failure));
            }
        });
        return result;
    }

    private static TransportException translate(TransportRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        boolean neverSent = cause instanceof ConnectException
                || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException
                || cause.getCause() instanceof UnresolvedAddressException;
        String what = cause instanceof IOException ? cause.getClass().getSimpleName() : "failure";
        // The cause's own message may quote the URI, so it is not copied into ours.
        return new TransportException(request + " failed (" + what + (neverSent ? ", not sent" : "") + ")",
                !neverSent, new RedactedCause(cause));
    }

    /** Keeps the cause's type and stack but not its message, which may quote a URL with secrets. */
    private static final class RedactedCause extends IOException {
        private static final long serialVersionUID = 1L;

        RedactedCause(Throwable original) {
            super(original.getClass().getName() + ": "
                    + io.messengerkit.internal.Redactor.redact(String.valueOf(original.getMessage())));
            setStackTrace(original.getStackTrace());
        }
    }
}
