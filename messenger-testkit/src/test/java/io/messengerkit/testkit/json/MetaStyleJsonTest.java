package io.messengerkit.testkit.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaStyleJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void escapesTheCommonControlCharactersInTheirShortForms() {
        assertEquals("\"a\\bb\\fc\\nd\\re\\tf\"", MetaStyleJson.string("a\bb\fc\nd\re\tf"));
    }

    @Test
    void escapesQuotesBackslashesAndSlashes() {
        assertEquals("\"say \\\"hi\\\" \\\\ https:\\/\\/example.com\\/\"",
                MetaStyleJson.string("say \"hi\" \\ https://example.com/"));
    }

    @Test
    void escapesEveryOtherControlCharacterAsUnicode() {
        assertEquals("\"\\u0000\\u0001\\u001f\\u000b\\u007f\"", MetaStyleJson.string("\u0000\u0001\u001f\u000b\u007f"));
    }

    @Test
    void writesNonAsciiAsLowerCaseUnicodeEscapesAndEmojiAsSurrogatePairs() {
        assertEquals("\"\\u00e9t\\u00e9 \\u4f60\\u597d \\ud83d\\ude00 \\u2028\"",
                MetaStyleJson.string("\u00e9t\u00e9 \u4f60\u597d \ud83d\ude00 \u2028"));
    }

    @Test
    void everyCharacterSurvivesAStandardParserAndTheOutputIsAscii() throws IOException {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("\u20ac\ud83c\udf89\uffff");
        String text = all.toString();

        byte[] bytes = MetaStyleJson.bytes(Map.of("text", text));

        for (byte b : bytes) {
            assertTrue(b >= 0x20 && b < 0x7f, "printable ASCII only, got " + b);
        }
        assertEquals(text, JSON.readTree(bytes).get("text").asText());
    }

    @Test
    void keepsTheOrderOfMapsAndWritesEveryKindOfValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1);
        value.put("a", List.of(true, false));
        value.put("n", null);
        value.put("long", 1795000000000L);
        value.put("decimal", new BigDecimal("2.50"));
        value.put("double", 0.5);
        value.put("array", new Object[] {"x", 2});
        value.put("nested", Map.of("k", "v"));

        assertEquals("{\"z\":1,\"a\":[true,false],\"n\":null,\"long\":1795000000000,\"decimal\":2.50,"
                + "\"double\":0.5,\"array\":[\"x\",2],\"nested\":{\"k\":\"v\"}}", MetaStyleJson.string(value));
    }

    @Test
    void bytesAreTheStringInAscii() {
        Map<String, Object> value = Map.of("text", "Gr\u00fc\u00dfe");
        assertArrayEquals(MetaStyleJson.string(value).getBytes(StandardCharsets.US_ASCII), MetaStyleJson.bytes(value));
    }

    @Test
    void objectKeepsTheGivenOrderAndAllowsNullValues() {
        Map<String, Object> object = MetaStyleJson.object("b", 1, "a", null, "c", "x");

        assertEquals(List.of("b", "a", "c"), List.copyOf(object.keySet()));
        assertEquals("{\"b\":1,\"a\":null,\"c\":\"x\"}", MetaStyleJson.string(object));
        object.put("d", 2);
        assertEquals(4, object.size());
    }

    @Test
    void objectRefusesUnpairedOrNonTextNames() {
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.object("a", 1, "b"));
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.object(1, "a"));
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.object(null, "a"));
    }

    @Test
    void refusesValuesJsonCannotRepresent() {
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.string(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.string(List.of(Float.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.string(new Object()));
        assertThrows(IllegalArgumentException.class, () -> MetaStyleJson.string(Arrays.asList('c')));
    }
}
