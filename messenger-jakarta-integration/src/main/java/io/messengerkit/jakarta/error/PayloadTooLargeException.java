package io.messengerkit.jakarta.error;

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

    /** {@return the largest body accepted, in bytes} */
    public int limit() {
        return limit;
    }
}
