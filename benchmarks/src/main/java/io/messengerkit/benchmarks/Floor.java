package io.messengerkit.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.messengerkit.AppSecret;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The least work any correct webhook receiver must do: verify the HMAC-SHA256 signature over the raw
 * bytes, then read the body once with Jackson's streaming parser, materialising every string and
 * number (so unicode unescaping is paid for, as a real parser must), without building any objects.
 * Thread-confined (it owns a {@code Mac}).
 */
final class Floor {
    private final JsonFactory factory = new JsonFactory();
    private final Sha256SignatureCheck signature;

    Floor(AppSecret secret) {
        this.signature = new Sha256SignatureCheck(secret);
    }

    /**
     * Verifies and reads the body; returns a checksum (tokens read plus total string length) so the
     * JIT cannot drop the work.
     */
    long process(byte[] body, String signatureHeader) {
        verify(body, signatureHeader);
        return read(body);
    }

    /** The HMAC half alone. */
    void verify(byte[] body, String signatureHeader) {
        signature.verify(signatureHeader, body);
    }

    /** The streaming half alone. */
    long read(byte[] body) {
        long checksum = 0;
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                checksum++;
                if (token == JsonToken.VALUE_STRING) {
                    checksum += parser.getText().length();
                } else if (token == JsonToken.VALUE_NUMBER_INT) {
                    checksum += parser.getLongValue() & 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return checksum;
    }
}
