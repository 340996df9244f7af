package io.messengerkit.send;

/**
 * A file is larger than Meta accepts for its type (25 MB for uploads). Thrown before any byte is
 * sent when the size is known, or while streaming when a stream turns out longer than declared.
 */
public class AttachmentTooLargeException extends InvalidMessageException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /**
     * A file of {@code size} bytes over the {@code limit}.
     *
     * @param what the file, e.g. its name
     * @param size its size in bytes (or at least this many)
     * @param limit the limit in bytes
     */
    public AttachmentTooLargeException(String what, long size, long limit) {
        super(what + " has " + size + " bytes; the limit is " + limit);
        this.size = size;
        this.limit = limit;
    }

    /** {@return the size in bytes (or at least this many, when found while streaming)} */
    public long size() {
        return size;
    }

    /** {@return the limit in bytes} */
    public long limit() {
        return limit;
    }
}
