package io.messengerkit.send;

import java.util.List;

/**
 * One image or video with up to 3 buttons under it ({@code template_type: media}). The media is an
 * uploaded {@code attachment_id} or a Facebook URL; Meta refuses external URLs here, so upload the
 * file first ({@code GraphClient.attachments()}).
 *
 * @param mediaType image or video
 * @param attachmentId an uploaded attachment, or null
 * @param facebookUrl a URL on facebook.com, or null
 * @param buttons up to 3
 * @param sharable whether Messenger shows a share button
 */
public record MediaTemplate(MediaType mediaType, String attachmentId, String facebookUrl, List<Button> buttons,
        boolean sharable) implements Template {

    /** What the media template shows. */
    public enum MediaType {
        /** An image. */
        IMAGE,
        /** A video. */
        VIDEO
    }

    /**
     * Creates the record; the components are as described for the record.
     *
     * @param mediaType image or video
     * @param attachmentId an uploaded attachment, or null
     * @param facebookUrl a URL on facebook.com, or null
     * @param buttons up to 3
     * @param sharable whether Messenger shows a share button
     */
    public MediaTemplate {
        java.util.Objects.requireNonNull(mediaType, "mediaType");
        if ((attachmentId == null) == (facebookUrl == null)) {
            throw new InvalidMessageException("a media template needs exactly one of attachment_id and url");
        }
        if (attachmentId != null) {
            Limits.required(attachmentId, "media attachment_id");
        }
        if (facebookUrl != null && !facebookUrl.matches("https://(www\\.|business\\.)?facebook\\.com/.*")) {
            throw new InvalidMessageException("a media template url must be a facebook.com URL;"
                    + " upload other media and send its attachment_id");
        }
        buttons = Limits.list(buttons, 0, Limits.BUTTONS, "media template buttons");
    }

    /**
     * {@return an uploaded image or video with buttons}
     *
     * @param mediaType image or video
     * @param attachmentId the id from an upload
     * @param buttons up to 3
     */
    public static MediaTemplate of(MediaType mediaType, String attachmentId, Button... buttons) {
        return new MediaTemplate(mediaType, attachmentId, null, List.of(buttons), false);
    }

    @Override
    public String templateType() {
        return "media";
    }
}
