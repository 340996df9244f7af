package io.messengerkit.graph;

import io.messengerkit.send.AttachmentTooLargeException;
import io.messengerkit.transport.StreamingBody;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A multipart/form-data body of JSON text fields followed by one file, read from the file's stream
 * while it is sent. The file part is cut off with {@link AttachmentTooLargeException} (wrapped in an
 * {@link IOException}) once it exceeds its limit, so an unknown-length stream cannot grow without bound.
 */
final class MultipartBody implements StreamingBody {
    private final String boundary = "messengerkit-" + UUID.randomUUID();
    private final byte[] head;
    private final byte[] tail;
    private final AttachmentUpload file;
    private final long limit;
    private final java.util.concurrent.atomic.AtomicReference<AttachmentTooLargeException> overflow =
            new java.util.concurrent.atomic.AtomicReference<>();

    MultipartBody(List<String[]> fields, String fileField, AttachmentUpload file, long limit) {
        StringBuilder h = new StringBuilder();
        for (String[] f : fields) {
            h.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(f[0]).append("\"\r\n\r\n")
                    .append(f[1]).append("\r\n");
        }
        h.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(fileField).append("\"; filename=\"")
                .append(file.fileName()).append("\"\r\n")
                .append("Content-Type: ").append(file.contentType()).append("\r\n\r\n");
        this.head = h.toString().getBytes(StandardCharsets.UTF_8);
        this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.file = file;
        this.limit = limit;
    }

    /** {@return false for a stream upload, which can be read once: such a call is never retried} */
    boolean replayable() {
        return file.replayable();
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public long contentLength() {
        return file.length() < 0 ? -1 : head.length + file.length() + tail.length;
    }

    @Override
    public InputStream open() throws IOException {
        InputStream content = new Bounded(file.opener().open(), limit, file.fileName(), overflow);
        return new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(head), content, new ByteArrayInputStream(tail))));
    }

    /** {@return the overflow that cut the upload short, or null} */
    AttachmentTooLargeException overflow() {
        return overflow.get();
    }

    /** Counts the bytes read and fails once they exceed the limit. */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String name;
        private final java.util.concurrent.atomic.AtomicReference<AttachmentTooLargeException> overflow;
        private long read;

        Bounded(InputStream in, long limit, String name,
                java.util.concurrent.atomic.AtomicReference<AttachmentTooLargeException> overflow) {
            super(in);
            this.limit = limit;
            this.name = name;
            this.overflow = overflow;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                AttachmentTooLargeException e = new AttachmentTooLargeException(name, read, limit);
                overflow.compareAndSet(null, e);
                throw new IOException(e.getMessage());
            }
        }
    }
}
