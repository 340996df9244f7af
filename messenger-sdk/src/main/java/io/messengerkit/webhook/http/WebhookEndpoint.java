package io.messengerkit.webhook.http;

import io.messengerkit.config.ConfigurationException;
import io.messengerkit.config.MessengerConfig;
import io.messengerkit.webhook.WebhookDispatcher;
import io.messengerkit.webhook.WebhookOverloadedException;
import io.messengerkit.webhook.WebhookSignature;
import io.messengerkit.webhook.WebhookSignatureException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * Meta's webhook callback, independent of any HTTP server: give it a {@link WebhookRequest}, answer with
 * the {@link WebhookResponse} it returns. Thin adapters connect it to a server: {@link WebhookHttpHandler}
 * and {@link WebhookServer} for the JDK's own HTTP server, {@code io.messengerkit.servlet.WebhookServlet}
 * (module {@code messenger-servlet}) for Servlet containers.
 *
 * <pre>{@code
 * WebhookEndpoint endpoint = WebhookEndpoint.create(config, dispatcher);
 * WebhookServer server = WebhookServer.start(new InetSocketAddress(8080), "/webhook", endpoint);
 * }</pre>
 *
 * <p>What it answers:
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>request</th><th>status</th></tr>
 *   <tr><td>GET with {@code hub.mode=subscribe}, the right {@code hub.verify_token} and a {@code hub.challenge}</td>
 *       <td>200, the challenge as the body</td></tr>
 *   <tr><td>GET with another mode, a wrong or missing token, or no challenge</td><td>403</td></tr>
 *   <tr><td>POST whose body (declared or read) is over the limit</td><td>413; nothing is read beyond the limit</td></tr>
 *   <tr><td>POST without a valid {@code X-Hub-Signature-256} over the raw bytes</td><td>403; nothing dispatched</td></tr>
 *   <tr><td>POST, verified, accepted by the dispatcher (even a body that is not JSON: it goes to the error
 *       hook, and Meta must not redeliver it forever)</td><td>200 {@code EVENT_RECEIVED}, at once: the handlers
 *       run on the dispatcher's executor</td></tr>
 *   <tr><td>POST, verified, refused for lack of room ({@link WebhookOverloadedException}) or by a shut-down
 *       executor</td><td>503, so Meta delivers it again later</td></tr>
 *   <tr><td>POST whose body cannot be read (the client went away)</td><td>400</td></tr>
 *   <tr><td>any other method</td><td>405 with {@code Allow: GET, POST}</td></tr>
 * </table>
 * The signature is checked over the bytes exactly as received, before anything parses them. Responses and
 * log lines never contain the verify token, the app secret or the body.
 *
 * <p>Immutable and thread-safe; one instance serves every request.
 */
public final class WebhookEndpoint {
    /** The default body limit, 1 MiB: Meta's deliveries of up to 1,000 events stay well below it. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(WebhookEndpoint.class.getName());
    private static final String RECEIVED = "EVENT_RECEIVED";

    private final WebhookSignature signature;
    private final Receiver receiver;
    private final int maxBodyBytes;

    private WebhookEndpoint(Builder builder) {
        this.signature = builder.signature;
        this.receiver = builder.receiver;
        this.maxBodyBytes = builder.maxBodyBytes;
    }

    /**
     * An endpoint that verifies with the configuration's app secret and verify token and hands verified
     * bodies to {@code dispatcher}, with the default body limit.
     *
     * @param config the app secret and verify token ({@code MESSENGER_APP_SECRET}, {@code MESSENGER_VERIFY_TOKEN})
     * @param dispatcher runs the handlers
     * @return the endpoint
     * @throws ConfigurationException when the configuration has no verify token
     */
    public static WebhookEndpoint create(MessengerConfig config, WebhookDispatcher dispatcher) {
        Objects.requireNonNull(config, "config");
        return builder(WebhookSignature.builder(config.appSecret()).verifyToken(config.requireVerifyToken()).build())
                .dispatcher(dispatcher)
                .build();
    }

    /**
     * Starts a configuration around a signature verifier; give it a verify token for the GET handshake.
     *
     * @param signature checks POST signatures and the handshake's verify token
     * @return a builder
     */
    public static Builder builder(WebhookSignature signature) {
        return new Builder(signature);
    }

    /**
     * Answers one request. Reads at most the body limit plus one byte from the request's body; does not
     * close it (the server does).
     *
     * @param request the request
     * @return what to answer
     */
    public WebhookResponse handle(WebhookRequest request) {
        Objects.requireNonNull(request, "request");
        return switch (request.method()) {
            case "GET" -> verifySubscription(request);
            case "POST" -> receive(request);
            default -> WebhookResponse.text(405, "Method Not Allowed", Map.of("Allow", "GET, POST"));
        };
    }

    /** {@return the largest body accepted, in bytes} */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    private WebhookResponse verifySubscription(WebhookRequest request) {
        try {
            String challenge = signature.verifyChallenge(request.queryParameter("hub.mode"),
                    request.queryParameter("hub.verify_token"), request.queryParameter("hub.challenge"));
            return WebhookResponse.text(200, challenge);
        } catch (WebhookSignatureException e) {
            LOG.log(Level.INFO, "Webhook verification handshake refused: {0}", e.reason());
            return WebhookResponse.text(403, "Forbidden");
        }
    }

    private WebhookResponse receive(WebhookRequest request) {
        if (declaredLength(request) > maxBodyBytes) {
            return tooLarge();
        }
        byte[] body;
        try {
            body = request.body().readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Webhook body could not be read: {0}", e.getClass().getSimpleName());
            return WebhookResponse.text(400, "Bad Request");
        }
        if (body.length > maxBodyBytes) {
            return tooLarge();
        }
        try {
            signature.verify(body, request.header(WebhookSignature.SIGNATURE_256_HEADER),
                    request.header(WebhookSignature.SIGNATURE_SHA1_HEADER));
        } catch (WebhookSignatureException e) {
            LOG.log(Level.INFO, "Webhook delivery refused, nothing dispatched: {0}", e.reason());
            return WebhookResponse.text(403, "Forbidden");
        }
        return hand(body);
    }

    private WebhookResponse hand(byte[] verifiedBody) {
        CompletableFuture<?> future;
        try {
            CompletionStage<?> stage = receiver.receive(verifiedBody);
            future = stage == null ? null : stage.toCompletableFuture();
        } catch (RuntimeException e) {
            return refused(e);
        }
        // Only a refusal shows at once; handlers that fail later are the dispatcher's business (error hook).
        if (future != null && future.isCompletedExceptionally()) {
            try {
                future.join();
            } catch (CompletionException e) {
                return refused(e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException e) {
                return refused(e);
            }
        }
        return WebhookResponse.text(200, RECEIVED);
    }

    private static WebhookResponse refused(Throwable failure) {
        if (failure instanceof WebhookOverloadedException || failure instanceof RejectedExecutionException) {
            LOG.log(Level.WARNING, "Webhook delivery refused for lack of room; answered 503 so Meta retries");
            return WebhookResponse.text(503, "Service Unavailable");
        }
        LOG.log(Level.WARNING, "Webhook delivery could not be handed over: " + failure.getClass().getName());
        return WebhookResponse.text(500, "Internal Server Error");
    }

    private WebhookResponse tooLarge() {
        LOG.log(Level.INFO, "Webhook delivery refused: body over " + maxBodyBytes + " bytes");
        return WebhookResponse.text(413, "Payload Too Large");
    }

    private static long declaredLength(WebhookRequest request) {
        String declared = request.header("Content-Length");
        if (declared == null) {
            return -1;
        }
        try {
            return Long.parseLong(declared.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Takes each verified body. The stage it returns tells only whether the body was accepted: one that
     * has already failed with {@link WebhookOverloadedException} or {@link RejectedExecutionException}
     * answers 503, any other failure at once 500; the endpoint does not wait for it to complete.
     * {@code dispatcher::dispatch} is one.
     */
    @FunctionalInterface
    public interface Receiver {
        /**
         * Accepts a body whose signature was verified.
         *
         * @param verifiedBody the raw body exactly as received
         * @return a stage that completes when the body has been handled (not waited for)
         */
        CompletionStage<?> receive(byte[] verifiedBody);
    }

    /** Configuration of a {@link WebhookEndpoint}. */
    public static final class Builder {
        private final WebhookSignature signature;
        private Receiver receiver;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder(WebhookSignature signature) {
            this.signature = Objects.requireNonNull(signature, "signature");
        }

        /**
         * {@return where verified bodies go: the dispatcher, which runs the handlers on its executor}
         *
         * @param dispatcher runs the handlers
         */
        public Builder dispatcher(WebhookDispatcher dispatcher) {
            Objects.requireNonNull(dispatcher, "dispatcher");
            this.receiver = dispatcher::dispatch;
            return this;
        }

        /**
         * {@return where verified bodies go, when not straight to a dispatcher (a queue, an inbox table)}
         *
         * @param receiver takes each verified body
         */
        public Builder receiver(Receiver receiver) {
            this.receiver = Objects.requireNonNull(receiver, "receiver");
            return this;
        }

        /**
         * The largest body accepted (default {@value WebhookEndpoint#DEFAULT_MAX_BODY_BYTES}); larger ones
         * get 413 and are not read further.
         *
         * @param maxBodyBytes the limit, at least 1
         * @return this builder
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + (Integer.MAX_VALUE - 1));
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * {@return the endpoint}
         *
         * @throws IllegalStateException when neither a dispatcher nor a receiver was given
         */
        public WebhookEndpoint build() {
            if (receiver == null) {
                throw new IllegalStateException("the endpoint needs somewhere to hand verified bodies:"
                        + " call dispatcher(...) or receiver(...) before build()");
            }
            return new WebhookEndpoint(this);
        }
    }
}
