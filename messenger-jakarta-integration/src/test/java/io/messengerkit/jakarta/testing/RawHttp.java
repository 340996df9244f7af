package io.messengerkit.jakarta.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what ordinary clients will not do: stream a body of hundreds
 * of megabytes while reading the answer, send a malformed request line, or hang up halfway
 * through a body. The body is written on its own thread, so an early answer is read while the
 * body is still being sent; {@link Answer#bodyBytesWritten()} tells how much the server let in.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /**
     * One answer.
     *
     * @param status the status code, or -1 when the server sent none
     * @param headers the headers, names in lower case
     * @param body the body as text
     * @param bodyBytesWritten how many body bytes the client managed to write before it stopped
     */
    public record Answer(int status, Map<String, String> headers, String body, long bodyBytesWritten) {
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line) and then
     * {@code bodyBytes} filler bytes of {@code fill}, chunked when {@code chunked}, otherwise with
     * the given {@code Content-Length} header already in {@code head}.
     */
    public static Answer exchange(URI base, String head, long bodyBytes, byte fill, boolean chunked) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + (chunked ? "\r\nTransfer-Encoding: chunked" : "") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> writeBody(out, bodyBytes, fill, chunked, written), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            Answer answer = read(socket.getInputStream());
            try {
                // A server that answers early but neither reads the rest nor closes (Payara Micro keeps
                // such a connection open) would leave the writer blocked: stop it by closing our end.
                writer.join(5_000);
                socket.close();
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Answer(answer.status(), answer.headers(), answer.body(), written.get());
        }
    }

    /** Sends these exact bytes and reads one answer. */
    public static Answer exchange(URI base, byte[] request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** Sends {@code head} with a {@code Content-Length} of {@code declared}, then {@code sent} bytes, then hangs up. */
    public static void hangUpMidBody(URI base, String head, long declared, int sent) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] part = new byte[sent];
            Arrays.fill(part, (byte) 'a');
            out.write(part);
            out.flush();
            socket.setSoLinger(true, 0);
        }
    }

    private static void writeBody(OutputStream out, long total, byte fill, boolean chunked, AtomicLong written) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, fill);
        byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        try {
            long left = total;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                if (chunked) {
                    out.write(n == chunk.length ? chunkHead : (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write(chunk, 0, n);
                if (chunked) {
                    out.write(crlf);
                }
                written.addAndGet(n);
                left -= n;
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.flush();
        } catch (IOException e) {
            // The server stopped reading and closed the connection: exactly what a refusal looks like.
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        long contentLength = -1;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                raw.write(buffer, 0, n);
                byte[] sofar = raw.toByteArray();
                if (headEnd < 0) {
                    headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (headEnd >= 0) {
                        String lengthHeader = parseHeaders(new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1))
                                .get("content-length");
                        contentLength = lengthHeader == null ? -1 : Long.parseLong(lengthHeader.strip());
                    }
                }
                if (headEnd >= 0 && contentLength >= 0 && sofar.length >= headEnd + 4 + contentLength) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // What arrived so far is the answer.
        }
        byte[] all = raw.toByteArray();
        if (headEnd < 0) {
            return new Answer(-1, Map.of(), new String(all, StandardCharsets.ISO_8859_1), 0);
        }
        String head = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1);
        String statusLine = head.split("\r\n", 2)[0];
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        int bodyEnd = contentLength < 0 ? all.length : (int) Math.min(all.length, headEnd + 4 + contentLength);
        return new Answer(status, parseHeaders(head), new String(all, headEnd + 4, bodyEnd - headEnd - 4, StandardCharsets.UTF_8), 0);
    }

    private static Map<String, String> parseHeaders(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
