package io.messengerkit.send;

/**
 * What a message carries instead of text: a file ({@link MediaAttachment}) or a structured
 * template ({@link TemplateAttachment}).
 */
public sealed interface Attachment permits MediaAttachment, TemplateAttachment {

    /** An image fetched by Meta from {@code url}. */
    static MediaAttachment image(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.IMAGE, url);
    }

    /** A video fetched by Meta from {@code url}. Subject to the 10 calls/s media rate. */
    static MediaAttachment video(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.VIDEO, url);
    }

    /** An audio clip fetched by Meta from {@code url}. Subject to the 10 calls/s media rate. */
    static MediaAttachment audio(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.AUDIO, url);
    }

    /** A file fetched by Meta from {@code url}. */
    static MediaAttachment file(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.FILE, url);
    }

    /** A file saved earlier ({@code attachment_id} from an upload or a reusable send). */
    static MediaAttachment saved(MediaAttachment.MediaType type, String attachmentId) {
        return new MediaAttachment(type, null, attachmentId, false);
    }

    /** A template. */
    static TemplateAttachment template(Template template) {
        return new TemplateAttachment(template);
    }
}
