package io.messengerkit.graph;

import io.messengerkit.AccessToken;
import io.messengerkit.send.AttachmentTooLargeException;
import io.messengerkit.send.MediaAttachment.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The Attachment Upload API: {@code POST /me/message_attachments} saves a file once and returns a
 * reusable {@code attachment_id}, private to the Page and valid for 90 days. Send it with
 * {@link UploadedAttachment#asAttachment()}.
 *
 * <pre>{@code
 * UploadedAttachment logo = graph.attachments().upload(pageToken,
 *         AttachmentUpload.ofFile(MediaType.IMAGE, Path.of("logo.png"), "image/png"));
 * graph.messenger(pageToken).send(SendRequest.to(psid, Message.of(logo.asAttachment())));
 * }</pre>
 *
 * <p>Uploads share the page's send limiter; audio and video take the lower media rate (10/s).
 * An upload is retried only when the failure proves Meta did not receive it, and never for a
 * stream, which can be read once.
 */
public final class Attachments {
    private static final String PATH = "/me/message_attachments";
    private final GraphEngine engine;

    Attachments(GraphEngine engine) {
        this.engine = engine;
    }

    /**
     * Uploads a file or has Meta fetch a URL, and returns the reusable id.
     *
     * @param pageToken the page access token
     * @param upload the file
     * @return the saved attachment
     */
    public UploadedAttachment upload(AccessToken pageToken, AttachmentUpload upload) {
        return GraphEngine.await(uploadAsync(pageToken, upload));
    }

    /**
     * Async {@link #upload(AccessToken, AttachmentUpload)}.
     *
     * @param pageToken the page access token
     * @param upload the file
     * @return completes with the saved attachment
     */
    public CompletableFuture<UploadedAttachment> uploadAsync(AccessToken pageToken, AttachmentUpload upload) {
        Objects.requireNonNull(pageToken, "pageToken");
        Objects.requireNonNull(upload, "upload");
        String type = upload.type().name().toLowerCase(Locale.ROOT);
        var message = Json.object();
        var attachment = message.putObject("attachment").put("type", type);
        var payload = attachment.putObject("payload").put("is_reusable", true);
        GraphCall call;
        MultipartBody body = null;
        if (upload.url() != null) {
            payload.put("url", upload.url());
            var root = Json.object();
            root.set("message", message);
            call = new GraphCall("upload " + type, "POST", PATH, Map.of(), pageToken, true, null, Json.bytes(root),
                    false, true);
        } else {
            body = new MultipartBody(List.<String[]>of(new String[] {"message",
                    new String(Json.bytes(message), java.nio.charset.StandardCharsets.UTF_8)}), "filedata", upload,
                    AttachmentUpload.MAX_BYTES);
            call = new GraphCall("upload " + type, "POST", PATH, Map.of(), pageToken, true, null, null, false, true,
                    body);
        }
        boolean media = upload.type() == MediaType.AUDIO || upload.type() == MediaType.VIDEO;
        SendRateLimiter limiter = engine.limiterFor(pageToken);
        MultipartBody sent = body;
        return engine.execute(call, () -> limiter.acquire(media)).handle((response, failure) -> {
            if (failure != null) {
                if (sent != null && sent.overflow() != null) {
                    throw new CompletionException(sent.overflow());
                }
                throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
            }
            String id = Json.optText(response.body(), "attachment_id").orElseThrow(() -> new CompletionException(
                    new UnexpectedResponseException(new GraphError(response.status(), 0, 0,
                            "upload answered without an attachment_id", null, null, false, null, null),
                            response.usage())));
            return new UploadedAttachment(id, upload.type());
        });
    }
}
