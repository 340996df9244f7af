package io.messengerkit.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read from a stream while it is sent, so a large upload is never held in memory
 * whole. {@link #open()} may be called again for a retry; a body that cannot be replayed throws
 * {@link IOException} on the second call.
 */
public interface StreamingBody {

    /** {@return the body's length in bytes, or -1 when unknown (sent chunked)} */
    long contentLength();

    /**
     * Opens the body for reading from its start.
     *
     * @return a fresh stream over the whole body
     * @throws IOException when the body cannot be (re)opened
     */
    InputStream open() throws IOException;
}
