package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.Recipient;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.SenderAction;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link PageMessenger} over {@code POST /me/messages} with one page token. */
final class GraphPageMessenger implements PageMessenger {
    private final GraphEngine engine;
    private final AccessToken pageToken;
    private final SendRateLimiter limiter;

    /**
     * The Send API client of one page.
     *
     * @param engine the engine
     * @param pageToken the page access token
     */
    GraphPageMessenger(GraphEngine engine, AccessToken pageToken) {
        this.engine = Objects.requireNonNull(engine);
        this.pageToken = Objects.requireNonNull(pageToken, "pageToken");
        this.limiter = engine.limiterFor(pageToken);
    }

    @Override
    public SendResult send(SendRequest request) {
        return GraphEngine.await(sendAsync(request));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(SendRequest request) {
        Objects.requireNonNull(request, "request");
        boolean media = request.message().isAudioOrVideo();
        CompletableFuture<SendResult> sent = post("send", Json.bytes(SendJson.request(request)), media);
        return request.tag() == null ? sent : sent.handle((result, failure) -> {
            if (failure == null) {
                return result;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof InvalidRequestException rejected) {
                // Meta answers a retired tag with a bare code 100: say which tag was used.
                GraphError e = rejected.error();
                throw new InvalidRequestException(new GraphError(e.httpStatus(), e.code(), e.subcode(), e.type(),
                        e.message() + " (sent with message tag " + request.tag().value()
                                + ", which Meta may have retired)", e.fbtraceId(), e.transientHint(), e.userTitle(),
                        e.userMessage()), rejected.usage());
            }
            throw failure instanceof CompletionException ce ? ce : new CompletionException(cause);
        });
    }

    @Override
    public SendResult senderAction(String psid, SenderAction action) {
        return GraphEngine.await(senderActionAsync(psid, action));
    }

    @Override
    public CompletableFuture<SendResult> senderActionAsync(String psid, SenderAction action) {
        Objects.requireNonNull(action, "action");
        byte[] body;
        try {
            body = Json.bytes(SendJson.senderAction(Recipient.psid(psid), action));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post("sender_action " + action.wireName(), body, false);
    }

    private CompletableFuture<SendResult> post(String name, byte[] body, boolean media) {
        GraphCall call = new GraphCall(name, "POST", "/me/messages", Map.of(), pageToken, true, null, body,
                false, true);
        return engine.execute(call, () -> limiter.acquire(media)).thenApply(r -> result(r.body()));
    }

    private static SendResult result(JsonNode body) {
        return new SendResult(Json.optText(body, "recipient_id"), Json.optText(body, "message_id"),
                Json.optText(body, "attachment_id"));
    }

    @Override
    public String toString() {
        return "PageMessenger[" + pageToken + "]";
    }
}
