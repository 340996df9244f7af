package io.messengerkit.testkit.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a multipart/form-data body into text fields and file parts, as Graph's upload endpoints do. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\\\"?([^\\\";]+)\\\"?");
    private static final Pattern NAME = Pattern.compile("name=\\\"([^\\\"]*)\\\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\\\"([^\\\"]*)\\\"");

    private Multipart() {
    }

    static void parse(String contentType, byte[] body, Map<String, String> params,
            Map<String, GraphRequest.FilePart> files) {
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw bad("multipart body without a boundary");
        }
        byte[] delimiter = ("--" + b.group(1)).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw bad("multipart body without its boundary");
        }
        while (true) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                return; // closing delimiter
            }
            start = skipLineBreak(body, start);
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
            if (headerEnd < 0) {
                throw bad("multipart part without headers");
            }
            String headers = new String(body, start, headerEnd - start, StandardCharsets.UTF_8);
            int contentStart = headerEnd + 4;
            int next = indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw bad("multipart body is not terminated");
            }
            int contentEnd = next - 2; // the CRLF before the delimiter
            byte[] content = Arrays.copyOfRange(body, contentStart, Math.max(contentStart, contentEnd));
            String name = null;
            String fileName = null;
            String partType = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    Matcher n = NAME.matcher(line);
                    name = n.find() ? n.group(1) : null;
                    Matcher f = FILENAME.matcher(line);
                    fileName = f.find() ? f.group(1) : null;
                } else if (lower.startsWith("content-type:")) {
                    partType = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            if (name == null) {
                throw bad("multipart part without a name");
            }
            if (fileName != null) {
                files.put(name, new GraphRequest.FilePart(fileName, partType, content));
            } else {
                params.put(name, new String(content, StandardCharsets.UTF_8));
            }
            at = next;
        }
    }

    private static int skipLineBreak(byte[] body, int i) {
        if (i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n') {
            return i + 2;
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static GraphErrorException bad(String message) {
        return new GraphErrorException(EmulatedGraphError.invalidParameter(message));
    }
}
