package io.messengerkit.jakarta.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over one keep-alive loopback connection, for tests that send
 * thousands of requests: it does nothing per request but write the request and read the answer
 * (the JDK client logs a hundred debug lines per request wherever a logger finder accepts them).
 * Reconnects when the server closes the connection. Not thread-safe.
 */
public final class KeepAliveHttp implements AutoCloseable {
    /**
     * One answer.
     *
     * @param status the status code
     * @param body the body as text
     */
    public record Answer(int status, String body) {
    }

    private final URI base;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveHttp(URI base) {
        this.base = base;
    }

    /** POSTs {@code body} to {@code path} with these headers (a null value leaves the header out). */
    public Answer post(String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost()).append(':').append(base.getPort()).append("\r\nContent-Length: ").append(body.length);
        headers.forEach((name, value) -> {
            if (value != null) {
                head.append("\r\n").append(name).append(": ").append(value);
            }
        });
        byte[] request = head.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        for (int attempt = 0; ; attempt++) {
            try {
                connect();
                out.write(request);
                out.write(body);
                out.flush();
                return read();
            } catch (IOException e) {
                close();
                // A kept-alive connection the server closed meanwhile: one fresh try.
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        if (socket == null) {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
    }

    private Answer read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before the answer");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            long size;
            while ((size = Long.parseLong(line().strip(), 16)) > 0) {
                body.write(in.readNBytes((int) size));
                line();
            }
            line();
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        } else {
            body.write(in.readAllBytes());
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        socket = null;
    }
}
