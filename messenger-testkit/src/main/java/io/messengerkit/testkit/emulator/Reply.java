package io.messengerkit.testkit.emulator;

import io.messengerkit.testkit.internal.MetaJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer the emulator is about to write. */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static Reply json(int status, Object value) {
        return new Reply(status, "application/json; charset=UTF-8", MetaJson.bytes(value), new LinkedHashMap<>());
    }

    static Reply text(int status, String contentType, String text) {
        return new Reply(status, contentType, text.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
