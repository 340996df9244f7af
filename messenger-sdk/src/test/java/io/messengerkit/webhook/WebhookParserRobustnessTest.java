package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookParserRobustnessTest {
    private final WebhookParser parser = WebhookParser.create();
    private final ObjectMapper mapper = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String message(String mid) {
        return "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"message\":{\"mid\":\"" + mid
                + "\",\"text\":\"hi\"}}";
    }

    @Test
    void rejectsMalformedJsonWithAClearParseError() {
        for (String bad : new String[] {"", "   ", "{", "{\"object\":\"page\",\"entry\":[", "not json",
                "{\"object\":\"page\",\"entry\":[]}}", "{\"object\":\"page\",\"entry\":[]} trailing",
                "[1,2]", "\"page\"", "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[{\"a\":}]}]}"}) {
            WebhookParseException e = assertThrows(WebhookParseException.class, () -> parser.parse(utf8(bad)), bad);
            assertNotNull(e.getMessage());
        }
        assertThrows(WebhookParseException.class, () -> parser.parse(null));
        assertThrows(WebhookParseException.class, () -> parser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}));
    }

    @Test
    void rejectsBodiesWithoutObjectOrEntry() {
        assertThrows(WebhookParseException.class, () -> parser.parse(utf8("{\"entry\":[]}")));
        assertThrows(WebhookParseException.class, () -> parser.parse(utf8("{\"object\":\"page\"}")));
        assertThrows(WebhookParseException.class, () -> parser.parse(utf8("{\"object\":5,\"entry\":[]}")));
        assertThrows(WebhookParseException.class, () -> parser.parse(utf8("{\"object\":\"page\",\"entry\":{}}")));
    }

    @Test
    void rejectsBodiesOverTheSizeLimit() {
        WebhookParser small = WebhookParser.builder().maxBodyBytes(100).build();
        byte[] body = Corpus.bytes("multi-page-batch.json");
        WebhookParseException e = assertThrows(WebhookParseException.class, () -> small.parse(body));
        assertTrue(e.getMessage().contains("exceeds the limit of 100 bytes"), e.getMessage());
        assertEquals(5, parser.parse(body).eventCount());
    }

    @Test
    void rejectsBodiesNestedDeeperThanTheLimit() {
        String deep = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[{\"x\":" + "[".repeat(40)
                + "]".repeat(40) + "}]}]}";
        WebhookParseException e = assertThrows(WebhookParseException.class, () -> parser.parse(utf8(deep)));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        WebhookParser lenient = WebhookParser.builder().maxNestingDepth(64).build();
        assertEquals(1, lenient.parse(utf8(deep)).eventCount());
        String veryDeep = "{\"object\":\"page\",\"entry\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThrows(WebhookParseException.class, () -> lenient.parse(utf8(veryDeep)));
    }

    @Test
    void refusesANumberLongerThanSixtyFourDigitsNamingThatLimit() {
        String longNumber = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":" + "9".repeat(65)
                + ",\"messaging\":[]}]}";
        WebhookParseException e = assertThrows(WebhookParseException.class, () -> parser.parse(utf8(longNumber)));
        assertTrue(e.getMessage().contains("exceeds a parser limit") && e.getMessage().contains("Number value length"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("nesting"), "names the limit that was hit: " + e.getMessage());
    }

    @Test
    void aBrokenEventDoesNotLoseItsNeighbours() {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":["
                + message("m1") + ","
                + "{\"sender\":\"not-an-object\",\"recipient\":{\"id\":\"p1\"},\"timestamp\":2,\"message\":{\"mid\":\"bad1\"}},"
                + message("m2") + ","
                + "{\"sender\":{\"id\":\"u1\"},\"timestamp\":3,\"message\":{\"mid\":\"bad2\",\"attachments\":[{\"type\":\"image\",\"payload\":[1,{\"a\":[2]}]}],\"text\":\"x\"}},"
                + "17,"
                + "{\"sender\":{\"id\":\"u1\"},\"timestamp\":{\"nested\":[1,2]},\"read\":{\"watermark\":5}},"
                + "{\"sender\":{\"id\":\"u1\"},\"timestamp\":99999999999999999999999,\"read\":{\"watermark\":5}},"
                + message("m3") + "]},"
                + "{\"id\":\"p2\",\"messaging\":{\"not\":\"an array\"}},"
                + "\"not an entry\","
                + "{\"id\":\"p3\",\"messaging\":[" + message("m4") + "]}]}";
        WebhookBatch batch = parser.parse(utf8(body));
        List<WebhookEvent> events = batch.events();
        List<String> kinds = events.stream().map(e -> e instanceof MessageEvent m ? m.mid()
                : e instanceof UnparseableEvent u ? "X" : e.getClass().getSimpleName()).toList();
        assertEquals(List.of("m1", "X", "m2", "X", "X", "X", "X", "m3", "X", "X", "m4"), kinds);
        UnparseableEvent badSender = (UnparseableEvent) events.get(1);
        assertEquals("sender is not an object", badSender.problem());
        assertEquals("p1", badSender.pageId());
        assertTrue(badSender.rawJson().startsWith("{\"sender\":\"not-an-object\""));
        assertTrue(badSender.rawJson().endsWith("\"bad1\"}}"));
        UnparseableEvent badPayload = (UnparseableEvent) events.get(3);
        assertEquals("attachment.payload is not an object", badPayload.problem());
        assertEquals("u1", badPayload.senderId());
        assertEquals("timestamp is out of range", ((UnparseableEvent) events.get(6)).problem());
        assertEquals(java.util.Arrays.asList("p1", "p2", null, "p3"),
                batch.entries().stream().map(WebhookEntry::id).toList());
        assertEquals("p3", events.get(10).pageId());
    }

    @Test
    void findsThePageIdWhenItComesAfterTheEvents() {
        String body = "{\"entry\":[{\"messaging\":[" + message("m1") + "],\"time\":5,\"id\":\"p9\"}],\"object\":\"page\"}";
        WebhookEvent event = parser.parse(utf8(body)).events().get(0);
        assertEquals("p9", event.pageId());
        assertEquals("page", event.envelope().object());
    }

    @Test
    void neverLetsAnotherExceptionEscapeOnRandomByteMutations() {
        Random random = new Random(20261125L);
        for (String name : Corpus.ALL) {
            byte[] original = Corpus.bytes(name);
            for (int round = 0; round < 400; round++) {
                byte[] mutated = original.clone();
                int edits = 1 + random.nextInt(4);
                for (int k = 0; k < edits && mutated.length > 0; k++) {
                    int at = random.nextInt(mutated.length);
                    switch (random.nextInt(4)) {
                        case 0 -> mutated[at] = (byte) random.nextInt(256);
                        case 1 -> mutated[at] = (byte) "{}[],:\"\\0tfn-".charAt(random.nextInt(13));
                        case 2 -> mutated = cut(mutated, at);
                        default -> mutated[at] = (byte) (mutated[at] ^ (1 << random.nextInt(8)));
                    }
                }
                try {
                    WebhookBatch batch = parser.parse(mutated);
                    assertNotNull(batch.events());
                } catch (WebhookParseException expected) {
                    assertNotNull(expected.getMessage());
                } catch (RuntimeException e) {
                    fail(name + " round " + round + " let " + e + " escape");
                }
            }
        }
    }

    private static byte[] cut(byte[] bytes, int at) {
        byte[] out = new byte[at];
        System.arraycopy(bytes, 0, out, 0, at);
        return out;
    }

    /**
     * Structural mutations keep the JSON valid but break one event's shape: every event whose JSON
     * was left alone must come out exactly as before.
     */
    @Test
    void structuralMutationsStillDeliverEveryUntouchedEvent() throws Exception {
        Random random = new Random(42L);
        for (String name : Corpus.ALL) {
            byte[] original = Corpus.bytes(name);
            // Compare against the re-serialised original: raw JSON fields keep the serialiser's spelling.
            List<WebhookEvent> before = parser.parse(mapper.writeValueAsBytes(mapper.readTree(original))).events();
            for (int round = 0; round < 60; round++) {
                JsonNode tree = mapper.readTree(original);
                List<JsonNode> items = new ArrayList<>();
                for (JsonNode entry : tree.get("entry")) {
                    for (String kind : new String[] {"messaging", "standby", "changes"}) {
                        if (entry.has(kind)) {
                            entry.get(kind).forEach(items::add);
                        }
                    }
                }
                int victim = random.nextInt(items.size());
                mutateSomewhere(items.get(victim), random);
                List<WebhookEvent> after = parser.parse(mapper.writeValueAsBytes(tree)).events();
                assertEquals(before.size(), after.size(), name);
                for (int i = 0; i < before.size(); i++) {
                    if (i != victim) {
                        assertEquals(before.get(i), after.get(i), name + " event " + i + " round " + round);
                    }
                }
            }
        }
    }

    static void mutateSomewhere(JsonNode node, Random random) {
        JsonNode current = node;
        while (true) {
            List<String> fields = new ArrayList<>();
            current.fieldNames().forEachRemaining(fields::add);
            if (!(current instanceof ObjectNode object) || fields.isEmpty()) {
                return;
            }
            String field = fields.get(random.nextInt(fields.size()));
            JsonNode child = object.get(field);
            if (child.isContainerNode() && child.size() > 0 && child.isObject() && random.nextBoolean()) {
                current = child;
                continue;
            }
            JsonNode replacement = switch (random.nextInt(6)) {
                case 0 -> NullNode.instance;
                case 1 -> BooleanNode.TRUE;
                case 2 -> IntNode.valueOf(random.nextInt());
                case 3 -> TextNode.valueOf("mutated");
                case 4 -> JsonNodeFactory.instance.arrayNode().add(1).add("two");
                default -> JsonNodeFactory.instance.objectNode().put("unexpected", true);
            };
            object.set(field, replacement);
            return;
        }
    }

    @Test
    void locatesRawJsonWithoutAllocatingOnThePinnedJackson() {
        assertTrue(WebhookParser.allocationFreeOffsets());
    }

    @Test
    void unparseableEventsKeepTheirPosition() {
        String body = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[[1,2],"
                + message("m1") + "]}]}";
        List<WebhookEvent> events = parser.parse(utf8(body)).events();
        assertInstanceOf(UnparseableEvent.class, events.get(0));
        assertEquals("[1,2]", ((UnparseableEvent) events.get(0)).rawJson());
        assertEquals("m1", ((MessageEvent) events.get(1)).mid());
    }
}
