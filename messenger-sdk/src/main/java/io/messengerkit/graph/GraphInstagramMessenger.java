package io.messengerkit.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.AccessToken;
import io.messengerkit.send.InstagramMessenger;
import io.messengerkit.send.InstagramRules;
import io.messengerkit.send.Recipient;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.send.SenderAction;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Send API for Instagram recipients: checks {@link InstagramRules} before each call, then posts
 * to {@code /me/messages} with the token it was made for (a Page token with {@code appsecret_proof},
 * or an Instagram user token on {@code graph.instagram.com}, which takes no proof).
 */
final class GraphInstagramMessenger implements InstagramMessenger {
    private final GraphEngine engine;
    private final AccessToken token;
    private final boolean proof;
    private final SendRateLimiter limiter;

    /**
     * A messenger bound to one token.
     *
     * @param engine the engine of the host the token belongs to
     * @param token a Page token (Instagram through the Page) or an Instagram user token
     * @param proof whether calls carry {@code appsecret_proof} (Page tokens on graph.facebook.com)
     */
    GraphInstagramMessenger(GraphEngine engine, AccessToken token, boolean proof) {
        this.engine = Objects.requireNonNull(engine);
        this.token = Objects.requireNonNull(token, "token");
        this.proof = proof;
        this.limiter = engine.limiterFor(token);
    }

    @Override
    public SendResult send(SendRequest request) {
        return GraphEngine.await(sendAsync(request));
    }

    @Override
    public CompletableFuture<SendResult> sendAsync(SendRequest request) {
        Objects.requireNonNull(request, "request");
        byte[] body;
        try {
            InstagramRules.check(request);
            body = Json.bytes(SendJson.request(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post("instagram send", body, request.message().isAudioOrVideo());
    }

    @Override
    public SendResult senderAction(String igsid, SenderAction action) {
        return GraphEngine.await(senderActionAsync(igsid, action));
    }

    @Override
    public CompletableFuture<SendResult> senderActionAsync(String igsid, SenderAction action) {
        Objects.requireNonNull(action, "action");
        byte[] body;
        try {
            InstagramRules.checkSenderAction(action);
            body = Json.bytes(SendJson.senderAction(Recipient.psid(igsid), action));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post("instagram sender_action " + action.wireName(), body, false);
    }

    @Override
    public SendResult sendImages(String igsid, java.util.List<String> imageUrls) {
        return GraphEngine.await(message("instagram send images", igsid, m -> {
            if (imageUrls == null || imageUrls.isEmpty() || imageUrls.size() > MAX_IMAGES) {
                throw new io.messengerkit.send.InvalidMessageException("an Instagram message carries 1 to " + MAX_IMAGES
                        + " images, not " + (imageUrls == null ? 0 : imageUrls.size()));
            }
            com.fasterxml.jackson.databind.node.ArrayNode list = m.putArray("attachments");
            for (String url : imageUrls) {
                if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
                    throw new io.messengerkit.send.InvalidMessageException("image url must be http(s)");
                }
                list.addObject().put("type", "image").putObject("payload").put("url", url);
            }
        }));
    }

    @Override
    public SendResult sendLikeHeart(String igsid) {
        return GraphEngine.await(message("instagram send like_heart", igsid,
                m -> m.putObject("attachment").put("type", "like_heart")));
    }

    @Override
    public SendResult sharePost(String igsid, String postId) {
        return GraphEngine.await(message("instagram send MEDIA_SHARE", igsid, m -> {
            if (postId == null || postId.isBlank()) {
                throw new io.messengerkit.send.InvalidMessageException("post id must not be blank");
            }
            com.fasterxml.jackson.databind.node.ObjectNode a = m.putObject("attachment");
            a.put("type", "MEDIA_SHARE");
            a.putObject("payload").put("id", postId);
        }));
    }

    /** A send whose {@code message} the SendRequest types do not model (Instagram-only shapes). */
    private CompletableFuture<SendResult> message(String name, String igsid,
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> fill) {
        byte[] body;
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
            root.set("recipient", SendJson.recipient(Recipient.psid(igsid)));
            root.put("messaging_type", "RESPONSE");
            fill.accept(root.putObject("message"));
            body = Json.bytes(root);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post(name, body, false);
    }

    @Override
    public SendResult react(String igsid, String mid, String reaction) {
        return GraphEngine.await(reaction("react", igsid, mid, Objects.requireNonNull(reaction, "reaction")));
    }

    @Override
    public SendResult unreact(String igsid, String mid) {
        return GraphEngine.await(reaction("unreact", igsid, mid, null));
    }

    private CompletableFuture<SendResult> reaction(String action, String igsid, String mid, String reaction) {
        byte[] body;
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
            root.set("recipient", SendJson.recipient(Recipient.psid(igsid)));
            root.put("sender_action", action);
            com.fasterxml.jackson.databind.node.ObjectNode payload = root.putObject("payload");
            payload.put("message_id", Objects.requireNonNull(mid, "mid"));
            if (reaction != null) {
                payload.put("reaction", reaction);
            }
            body = Json.bytes(root);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return post("instagram sender_action " + action, body, false);
    }

    private CompletableFuture<SendResult> post(String name, byte[] body, boolean media) {
        GraphCall call = new GraphCall(name, "POST", "/me/messages", Map.of(), token, proof, null, body, false,
                true);
        return engine.execute(call, () -> limiter.acquire(media)).thenApply(r -> result(r.body()));
    }

    private static SendResult result(JsonNode body) {
        return new SendResult(Json.optText(body, "recipient_id"), Json.optText(body, "message_id"),
                Json.optText(body, "attachment_id"));
    }

    @Override
    public String toString() {
        return "InstagramMessenger[" + token + "]";
    }
}
