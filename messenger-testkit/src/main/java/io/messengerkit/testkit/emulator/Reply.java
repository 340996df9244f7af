package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.json.MetaStyleJson;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer the emulator is about to write. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Reply json(int status, Object value) {
        return new Reply(status, "application/json; charset=UTF-8", MetaStyleJson.bytes(value), new LinkedHashMap<>());
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    /** A value for {@code x-fb-trace-id}, shaped like Meta's (11 characters starting with A). */
    static String newTraceId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "A" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', 'x').replace('_', 'y');
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
