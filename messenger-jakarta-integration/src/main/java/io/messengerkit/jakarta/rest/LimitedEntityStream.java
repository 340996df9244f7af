package io.messengerkit.jakarta.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * A request body that may be read up to a limit. One byte more fails the request with a 413
 * problem; a body that ends before its declared length, or a connection the client dropped, fails
 * it with a 400 problem that is logged as the client's doing, not as a server error.
 *
 * <p>The failures are {@link WebApplicationException}s that carry their response, so they pass
 * unchanged through Jersey's form buffering and through JSON readers, and no exception mapper
 * turns them into a 500. The responses close the connection, so the server does not read and
 * discard the rest of an oversized body to keep the connection alive.
 */
final class LimitedEntityStream extends FilterInputStream {
    private static final System.Logger LOG = System.getLogger(LimitedEntityStream.class.getName());

    /** The body was refused while it was being read; its response is the problem document. */
    static final class BodyRefused extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        BodyRefused(Response response) {
            super(response);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // A routine refusal of a client's body: no stack trace to fill, log or print.
            return this;
        }
    }

    private final int limit;
    private final long declared;
    private final String path;
    private long count;

    LimitedEntityStream(InputStream in, int limit, long declared, String path) {
        super(in);
        this.limit = limit;
        this.declared = declared;
        this.path = path;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            // Never ask for more than one byte past the limit: that byte is enough to refuse.
            long room = limit + 1L - count;
            n = in.read(buffer, offset, (int) Math.max(1, Math.min(length, room)));
        } catch (IOException e) {
            throw incomplete("the connection failed after " + count + " bytes (" + e.getClass().getSimpleName() + ")");
        }
        if (n < 0) {
            if (declared > 0 && count < declared) {
                throw incomplete("the body ended after " + count + " of " + declared + " declared bytes");
            }
            return n;
        }
        count += n;
        if (count > limit) {
            throw new BodyRefused(tooLarge(limit, path));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(0, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // Not supported: a reset would let the same bytes be counted twice or not at all.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** 413 with the problem document, closing the connection. */
    static Response tooLarge(int limit, String path) {
        return problem(new ProblemMapper.Problem(413, "too-large", "Request body too large",
                "The body exceeds " + limit + " bytes.", Map.of("limit", limit)), path);
    }

    private BodyRefused incomplete(String why) {
        // The client went away or sent less than it promised: nothing the server can fix, so no error.
        LOG.log(Level.DEBUG, "Request to {0} abandoned by the client: {1}", path, why);
        return new BodyRefused(problem(new ProblemMapper.Problem(400, "incomplete-body", "Incomplete body",
                "The request body ended before its declared length or the connection failed.", Map.of()), path));
    }

    private static Response problem(ProblemMapper.Problem problem, String path) {
        return Response.status(problem.status())
                .type(JsonBodies.PROBLEM)
                .header("Connection", "close")
                .entity(problem.at(path))
                .build();
    }
}
