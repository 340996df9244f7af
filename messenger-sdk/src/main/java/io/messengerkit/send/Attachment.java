package io.messengerkit.send;

/**
 * What a message carries instead of text: a file ({@link MediaAttachment}) or a structured
 * template ({@link TemplateAttachment}).
 */
public sealed interface Attachment permits MediaAttachment, TemplateAttachment {

    /**
     * {@return an image fetched by Meta from {@code url}}
     *
     * @param url a public URL Meta can fetch
     */
    static MediaAttachment image(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.IMAGE, url);
    }

    /**
     * A video fetched by Meta from {@code url}. Subject to the 10 calls/s media rate.
     *
     * @param url a public URL Meta can fetch
     * @return the attachment
     */
    static MediaAttachment video(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.VIDEO, url);
    }

    /**
     * An audio clip fetched by Meta from {@code url}. Subject to the 10 calls/s media rate.
     *
     * @param url a public URL Meta can fetch
     * @return the attachment
     */
    static MediaAttachment audio(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.AUDIO, url);
    }

    /**
     * {@return a file fetched by Meta from {@code url}}
     *
     * @param url a public URL Meta can fetch
     */
    static MediaAttachment file(String url) {
        return MediaAttachment.url(MediaAttachment.MediaType.FILE, url);
    }

    /**
     * {@return a file saved earlier ({@code attachment_id} from an upload or a reusable send)}
     *
     * @param type the kind of file
     * @param attachmentId the {@code attachment_id} of a file uploaded earlier
     */
    static MediaAttachment saved(MediaAttachment.MediaType type, String attachmentId) {
        return new MediaAttachment(type, null, attachmentId, false);
    }

    /**
     * {@return a template}
     *
     * @param template a generic or button template
     */
    static TemplateAttachment template(Template template) {
        return new TemplateAttachment(template);
    }
}
