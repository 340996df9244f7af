package io.messengerkit.graph;

import io.messengerkit.send.AttachmentTooLargeException;
import io.messengerkit.send.InvalidMessageException;
import io.messengerkit.send.MediaAttachment.MediaType;
import io.messengerkit.send.UnsupportedAttachmentTypeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file to save with the Attachment Upload API ({@code POST /me/message_attachments}): bytes, a
 * file, a stream or a public URL. Sizes and content types are checked when it is created, before
 * anything is sent: {@link AttachmentTooLargeException} above {@link #MAX_BYTES},
 * {@link UnsupportedAttachmentTypeException} when the content type does not fit the type (image,
 * audio and video need {@code image/*}, {@code audio/*}, {@code video/*}). Files and streams are sent
 * as multipart/form-data read while sending, never buffered whole.
 */
public final class AttachmentUpload {
    /** Meta's limit for an uploaded file of any type: 25 MB. */
    public static final long MAX_BYTES = 25L * 1024 * 1024;

    private final MediaType type;
    private final String url;
    private final String fileName;
    private final String contentType;
    private final long length;
    private final Opener opener;
    private boolean replayable = true;

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private AttachmentUpload(MediaType type, String url, String fileName, String contentType, long length,
            Opener opener) {
        this.type = Objects.requireNonNull(type, "type");
        this.url = url;
        this.fileName = fileName;
        this.contentType = contentType;
        this.length = length;
        this.opener = opener;
    }

    /**
     * {@return an upload of bytes held in memory}
     *
     * @param type image, audio, video or file
     * @param data the file's bytes
     * @param fileName the name Meta shows, ASCII
     * @param contentType e.g. {@code image/png}
     */
    public static AttachmentUpload ofBytes(MediaType type, byte[] data, String fileName, String contentType) {
        Objects.requireNonNull(data, "data");
        byte[] copy = data.clone();
        return checked(type, fileName, contentType, copy.length, () -> new ByteArrayInputStream(copy));
    }

    /**
     * {@return an upload of a file, read while sending; the content type is guessed from the file when null}
     *
     * @param type image, audio, video or file
     * @param file the file
     * @param contentType e.g. {@code video/mp4}, or null to guess
     */
    public static AttachmentUpload ofFile(MediaType type, Path file, String contentType) {
        Objects.requireNonNull(file, "file");
        long size;
        String guessed = contentType;
        try {
            size = Files.size(file);
            if (guessed == null) {
                guessed = Files.probeContentType(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getFileName(), e);
        }
        return checked(type, file.getFileName().toString(), guessed == null ? "application/octet-stream" : guessed,
                size, () -> Files.newInputStream(file));
    }

    /**
     * An upload read from a stream while sending. The stream can be read once, so a failed upload
     * is not retried; it is closed after sending. With an unknown length the body is sent chunked and
     * the upload fails with {@link AttachmentTooLargeException} once more than {@link #MAX_BYTES} were read.
     *
     * @param type image, audio, video or file
     * @param in the content
     * @param length its length in bytes, or -1 when unknown
     * @param fileName the name Meta shows, ASCII
     * @param contentType e.g. {@code audio/mpeg}
     * @return the upload
     */
    public static AttachmentUpload ofStream(MediaType type, InputStream in, long length, String fileName,
            String contentType) {
        Objects.requireNonNull(in, "in");
        AtomicBoolean used = new AtomicBoolean();
        AttachmentUpload upload = checked(type, fileName, contentType, length, () -> {
            if (used.getAndSet(true)) {
                throw new IOException("the upload stream was already read; a stream upload cannot be repeated");
            }
            return in;
        });
        upload.replayable = false;
        return upload;
    }

    /**
     * {@return an upload Meta fetches from a public URL}
     *
     * @param type image, audio, video or file
     * @param url an http(s) URL Meta can fetch (images at most 8 MB, 10 s; videos 75 s)
     */
    public static AttachmentUpload fromUrl(MediaType type, String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            throw new InvalidMessageException("attachment url must be http(s)");
        }
        return new AttachmentUpload(type, url, null, null, -1, null);
    }

    private static AttachmentUpload checked(MediaType type, String fileName, String contentType, long length,
            Opener opener) {
        Objects.requireNonNull(type, "type");
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidMessageException("an uploaded file needs a file name");
        }
        if (!fileName.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            throw new InvalidMessageException("an uploaded file name must be printable ASCII without quotes");
        }
        if (contentType == null || !contentType.matches("[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+")) {
            throw new InvalidMessageException("an uploaded file needs a content type such as image/png");
        }
        String family = contentType.substring(0, contentType.indexOf('/')).toLowerCase(Locale.ROOT);
        boolean fits = switch (type) {
            case IMAGE -> family.equals("image");
            case AUDIO -> family.equals("audio");
            case VIDEO -> family.equals("video");
            case FILE -> true;
        };
        if (!fits) {
            throw new UnsupportedAttachmentTypeException(type, contentType);
        }
        if (length > MAX_BYTES) {
            throw new AttachmentTooLargeException(fileName, length, MAX_BYTES);
        }
        if (length == 0) {
            throw new InvalidMessageException(fileName + " is empty");
        }
        return new AttachmentUpload(type, null, fileName, contentType, length, opener);
    }

    /** {@return image, audio, video or file} */
    public MediaType type() {
        return type;
    }

    /** {@return the URL Meta fetches, or null for a file upload} */
    public String url() {
        return url;
    }

    /** {@return the file name, or null for a URL upload} */
    public String fileName() {
        return fileName;
    }

    /** {@return the content type, or null for a URL upload} */
    public String contentType() {
        return contentType;
    }

    /** {@return the length in bytes, or -1 when unknown or a URL upload} */
    public long length() {
        return length;
    }

    Opener opener() {
        return opener;
    }

    boolean replayable() {
        return replayable;
    }

    @Override
    public String toString() {
        return "AttachmentUpload[" + type + ", " + (url != null ? "url" : fileName + ", " + contentType + ", "
                + (length < 0 ? "length unknown" : length + " bytes")) + "]";
    }
}
