package io.messengerkit.jakarta.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body up to a limit, so an oversized body is refused without being buffered whole. */
final class BoundedBody {
    private BoundedBody() {
    }

    /**
     * The body's bytes, exactly as received.
     *
     * @throws ApiProblem 413 when the body has more than {@code limit} bytes
     */
    static byte[] read(InputStream in, int limit) {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
            byte[] buffer = new byte[8192];
            int total = 0;
            int n;
            while ((n = in.read(buffer, 0, Math.min(buffer.length, limit + 1 - total))) > 0) {
                out.write(buffer, 0, n);
                total += n;
                if (total > limit) {
                    throw ApiProblem.tooLarge(limit);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the request body", e);
        }
    }
}
