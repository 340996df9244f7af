package io.messengerkit.jakarta.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A request body is larger than the operation accepts; it was not read beyond the limit. */
public final class PayloadTooLargeException extends BackendException {
    private static final long serialVersionUID = 1L;

    /** The largest body accepted, in bytes. */
    private final int limit;

    /**
     * A body over {@code limit} bytes.
     *
     * @param limit the largest body accepted, in bytes
     */
    public PayloadTooLargeException(int limit) {
        super("The body exceeds " + limit + " bytes.");
        this.limit = limit;
    }

    /**
     * Reads a request body whole, refusing one of more than {@code limit} bytes without reading
     * (or buffering) further.
     *
     * @param body the body, closed here; null reads as empty
     * @param limit the largest body accepted, in bytes
     * @return the body's bytes, exactly as received
     * @throws PayloadTooLargeException when the body has more than {@code limit} bytes
     * @throws UncheckedIOException when the body cannot be read
     */
    public static byte[] readAtMost(InputStream body, int limit) {
        if (body == null) {
            return new byte[0];
        }
        try (body) {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new PayloadTooLargeException(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }

    /** {@return the largest body accepted, in bytes} */
    public int limit() {
        return limit;
    }
}
