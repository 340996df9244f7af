package io.messengerkit.testkit.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.messengerkit.testkit.emulator.Model.PageRecord;
import io.messengerkit.testkit.emulator.Model.TokenRecord;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Attachment Upload API, {@code POST /me/message_attachments} with the page token: a JSON
 * {@code message} with {@code payload.url} (Meta fetches it; a host ending in {@code .invalid}
 * fails as an unreachable URL, 2018008), or multipart/form-data with the {@code message} field and
 * a {@code filedata} file. Meta's checks: the type is image, audio, video or file; the file's
 * content type fits it (2018047); at most 25 MB, or the emulator's configured limit (2018109). The
 * answer is {@code {"attachment_id"}}, usable by this page only. Audio and video take the media rate.
 */
final class AttachmentsArea implements GraphArea {
    static final Set<String> TYPES = Set.of("image", "audio", "video", "file");

    private final World world;
    private final GraphAuth auth;
    private final SendRateLimits rateLimits;
    private final long maxUploadBytes;

    AttachmentsArea(World world, GraphAuth auth, SendRateLimits rateLimits, long maxUploadBytes) {
        this.world = world;
        this.auth = auth;
        this.rateLimits = rateLimits;
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void register(GraphRoutes routes) {
        routes.edge("message_attachments", Set.of("POST"), this::upload);
    }

    static GraphErrorException error(int subcode, String message) {
        return new GraphErrorException(new EmulatedGraphError(400, 100, subcode, "OAuthException", "(#100) " + message,
                null));
    }

    private Map<String, Object> upload(GraphRequest r, TokenRecord token, String pageId) {
        PageRecord page = auth.pageOfPageToken(r, token, pageId);
        GraphAuth.requireScope(token, "pages_messaging");
        JsonNode message = r.jsonParam("message");
        JsonNode attachment = message == null ? null : message.get("attachment");
        if (attachment == null || !attachment.isObject()) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter("param message[attachment] is required"));
        }
        String type = attachment.path("type").asText("");
        if (!TYPES.contains(type)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "Param message[attachment][type] must be one of {image, audio, video, file}"));
        }
        JsonNode payload = attachment.path("payload");
        GraphRequest.FilePart file = r.files.get("filedata");
        String url = payload.path("url").asText(null);
        if ((file == null) == (url == null)) {
            throw new GraphErrorException(EmulatedGraphError.invalidParameter(
                    "an upload needs exactly one of message[attachment][payload][url] and a filedata file"));
        }
        String contentType;
        long size;
        if (file != null) {
            contentType = file.contentType() == null ? "application/octet-stream" : file.contentType();
            size = file.content().length;
            if (size > maxUploadBytes) {
                throw error(2018109, "Attachment size exceeds allowable limit");
            }
            if (size == 0) {
                throw error(2018047, "Upload attachment failure: the file is empty");
            }
        } else {
            if (url.toLowerCase(Locale.ROOT).matches("https?://[^/]*\\.invalid(/.*)?")) {
                throw error(2018008, "Failed to fetch the file from the url");
            }
            contentType = guess(type, url);
            size = 0;
        }
        String family = contentType.substring(0, Math.max(0, contentType.indexOf('/'))).toLowerCase(Locale.ROOT);
        if (!type.equals("file") && !family.equals(type)) {
            throw error(2018047, "Upload attachment failure: the attachment type " + type
                    + " does not match the file's content type " + contentType);
        }
        rateLimits.admit(page.id, type.equals("audio") || type.equals("video"), world.now());
        World.AttachmentRecord saved = world.saveAttachment(page.id, type, contentType, size);
        return Map.of("attachment_id", saved.id());
    }

    private static String guess(String type, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (type.equals("file")) {
            return "application/octet-stream";
        }
        String ext = lower.contains(".") ? lower.substring(lower.lastIndexOf('.') + 1) : "";
        return type + "/" + (ext.isEmpty() ? "unknown" : ext);
    }
}
