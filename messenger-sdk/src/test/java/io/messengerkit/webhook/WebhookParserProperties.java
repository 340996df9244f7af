package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated and mutated webhook bodies against the parser and the dispatcher. The number of cases
 * per property is jqwik's default ({@code jqwik.tries.default} in junit-platform.properties); a
 * longer campaign raises it from the command line, see docs/webhooks.md.
 */
class WebhookParserProperties {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final WebhookSignature SIGNATURE = WebhookSignature.of(TestSecrets.APP_SECRET);
    private static final String ENVELOPE = "\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":1764057600000,";

    /** One item of every kind the SDK models, as Meta sends it, plus one it does not. */
    private static final List<String> KNOWN_ITEMS = List.of(
            "{" + ENVELOPE + "\"message\":{\"mid\":\"m\",\"text\":\"hi\",\"quick_reply\":{\"payload\":\"Q\"}}}",
            "{" + ENVELOPE + "\"message\":{\"mid\":\"m\",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"u\","
                    + "\"sticker_id\":1}},{\"type\":\"location\",\"payload\":{\"coordinates\":{\"lat\":1.5,\"long\":2}}},"
                    + "{\"type\":\"ig_reel\",\"payload\":{\"reel_video_id\":\"9\",\"title\":\"t\"}}]}}",
            "{" + ENVELOPE + "\"message\":{\"mid\":\"m\",\"reply_to\":{\"mid\":\"m0\",\"story\":{\"id\":\"s\",\"url\":\"u\"}},"
                    + "\"referral\":{\"ref\":\"r\",\"source\":\"ADS\",\"product\":{\"id\":\"p\"},\"ads_context_data\":{\"a\":1}}}}",
            "{\"sender\":{\"id\":\"p1\"},\"recipient\":{\"id\":\"u1\"},\"timestamp\":1,"
                    + "\"message\":{\"mid\":\"e\",\"is_echo\":true,\"app_id\":123,\"metadata\":\"x\",\"text\":\"t\"}}",
            "{" + ENVELOPE + "\"postback\":{\"mid\":\"m\",\"title\":\"t\",\"payload\":\"P\",\"referral\":{\"ref\":\"r\"}}}",
            "{" + ENVELOPE + "\"referral\":{\"ref\":\"r\",\"source\":\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}}",
            "{" + ENVELOPE + "\"delivery\":{\"mids\":[\"a\",\"b\"],\"watermark\":1764057600000}}",
            "{" + ENVELOPE + "\"read\":{\"watermark\":1764057600000,\"mid\":\"m\"}}",
            "{" + ENVELOPE + "\"reaction\":{\"mid\":\"m\",\"action\":\"react\",\"reaction\":\"love\",\"emoji\":\"x\"}}",
            "{\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"optin\":{\"type\":\"notification_messages\",\"payload\":\"p\","
                    + "\"notification_messages_token\":\"t\",\"token_expiry_timestamp\":1,\"user_token_status\":\"s\"}}",
            "{" + ENVELOPE + "\"account_linking\":{\"status\":\"linked\",\"authorization_code\":\"c\"}}",
            "{" + ENVELOPE + "\"message_edit\":{\"mid\":\"m\",\"text\":\"t\",\"num_edit\":2}}",
            "{" + ENVELOPE + "\"pass_thread_control\":{\"new_owner_app_id\":\"1\",\"previous_owner_app_id\":\"2\"}}",
            "{" + ENVELOPE + "\"take_thread_control\":{\"previous_owner_app_id\":\"1\",\"new_owner_app_id\":\"2\"}}",
            "{" + ENVELOPE + "\"request_thread_control\":{\"requested_owner_app_id\":\"1\",\"metadata\":\"m\"}}",
            "{\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"app_roles\":{\"123\":[\"primary_receiver\"]}}",
            "{\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"policy-enforcement\":{\"action\":\"block\",\"reason\":\"r\"}}",
            "{" + ENVELOPE + "\"messaging_feedback\":{\"feedback_screens\":[{\"screen_id\":0,\"questions\":{\"q\":"
                    + "{\"type\":\"csat\",\"payload\":\"5\",\"follow_up\":{\"type\":\"free_form\",\"payload\":\"ok\"}}}}]}}",
            "{" + ENVELOPE + "\"game_play\":{\"game_id\":\"1\"}}");

    private static final WebhookParser PARSER = WebhookParser.create();

    // ---------------------------------------------------------------- properties

    @Property
    void parseThrowsNothingButParseExceptionAndKeepsItsCaps(@ForAll("hostileBodies") byte[] body) {
        try {
            WebhookBatch batch = PARSER.parse(body);
            assertTrue(batch.eventCount() <= PARSER.maxEvents());
            assertTrue(batch.entries().size() <= PARSER.maxArrayElements());
        } catch (WebhookParseException expected) {
            // A body unusable as a whole: the one failure parse may report.
        }
    }

    @Property
    void goodEventsOfAMixedBatchReachTheirHandlers(@ForAll("mixedBatches") List<String> items) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errorCalls = new AtomicInteger();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(Runnable::run)
                .deduplication(DeduplicationLedger.disabled())
                .onMessage((m, ctx) -> seen.add(m.mid()))
                .onUnhandled((e, ctx) -> { })
                .onError((event, error) -> errorCalls.incrementAndGet())
                .build();
        byte[] body = body("page", items);
        SIGNATURE.verify(body, SIGNATURE.sign(body));
        DispatchReport report = dispatcher.dispatch(body).get(10, TimeUnit.SECONDS);

        List<String> good = items.stream().filter(i -> i.contains("\"good-")).map(i -> i.replaceAll(".*\"(good-\\d+)\".*", "$1"))
                .toList();
        assertTrue(seen.containsAll(good), "missing good events: " + good + " seen " + seen);
        assertEquals(items.size(), report.events());
        assertEquals(report.unparseable(), errorCalls.get(), "one error report per unparseable event");
        assertEquals(0, report.failed());
    }

    @Property
    void capsHoldForAnyConfiguration(@ForAll @IntRange(min = 1, max = 40) int maxEvents,
            @ForAll @IntRange(min = 1, max = 40) int maxArrayElements,
            @ForAll @IntRange(min = 0, max = 60) int entries, @ForAll @IntRange(min = 0, max = 60) int perEntry,
            @ForAll @IntRange(min = 0, max = 60) int mids) {
        WebhookParser parser = WebhookParser.builder().maxEvents(maxEvents).maxArrayElements(maxArrayElements).build();
        String item = "{" + ENVELOPE + "\"delivery\":{\"mids\":" + strings(mids) + ",\"watermark\":1}}";
        StringBuilder json = new StringBuilder("{\"object\":\"page\",\"entry\":[");
        for (int e = 0; e < entries; e++) {
            json.append(e == 0 ? "" : ",").append("{\"id\":\"p1\",\"messaging\":[")
                    .append(String.join(",", Collections.nCopies(perEntry, item))).append("]}");
        }
        byte[] body = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        boolean fits = entries <= maxArrayElements
                && (entries == 0 || perEntry <= maxArrayElements)
                && (entries * perEntry == 0 || mids <= maxArrayElements)
                && entries * perEntry <= maxEvents;
        try {
            WebhookBatch batch = parser.parse(body);
            assertTrue(fits, "a body over a cap was accepted");
            assertEquals(entries * perEntry, batch.eventCount());
        } catch (WebhookParseException e) {
            assertTrue(!fits, "a body within the caps was refused: " + e.getMessage());
        }
    }

    @Property
    void everyKnownEventWithAFieldRemovedOrRetypedIsOneEventOrUnparseable(
            @ForAll("knownItemIndex") int index, @ForAll("seeds") long seed) throws Exception {
        Random random = new Random(seed);
        ObjectNode item = (ObjectNode) JSON.readTree(KNOWN_ITEMS.get(index));
        mutateTree(item, random, 1 + random.nextInt(3), false);
        List<WebhookEvent> events = PARSER.parse(body("page", List.of(JSON.writeValueAsString(item)))).events();
        assertEquals(1, events.size());
        WebhookEvent event = events.get(0);
        if (event instanceof MessageEvent message) {
            assertTrue(message.senderId() != null, "a message without a sender was dispatched");
        }
        if (!(event instanceof UnparseableEvent)) {
            assertTrue(EventKind.of(event).needs().missingFrom(event.envelope()) == null);
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Integer> knownItemIndex() {
        return Arbitraries.integers().between(0, KNOWN_ITEMS.size() - 1);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Known items, mutated as trees, then as bytes: the whole range from valid to garbage. */
    @Provide
    Arbitrary<byte[]> hostileBodies() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            List<String> items = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                try {
                    ObjectNode item = (ObjectNode) JSON.readTree(KNOWN_ITEMS.get(random.nextInt(KNOWN_ITEMS.size())));
                    mutateTree(item, random, random.nextInt(4), true);
                    items.add(JSON.writeValueAsString(item));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            String object = random.nextInt(8) == 0 ? "whatsapp_business_account" : random.nextBoolean() ? "page" : "instagram";
            byte[] body = body(object, items);
            return mutateBytes(body, random);
        });
    }

    /** Good messages with unique mids interleaved with mutated items of every kind. */
    @Provide
    Arbitrary<List<String>> mixedBatches() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            List<String> items = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(3) == 0) {
                    items.add("{\"sender\":{\"id\":\"u" + random.nextInt(3) + "\"},\"recipient\":{\"id\":\"p1\"},"
                            + "\"timestamp\":1,\"message\":{\"mid\":\"good-" + i + "\",\"text\":\"t\"}}");
                } else {
                    try {
                        ObjectNode item = (ObjectNode) JSON.readTree(KNOWN_ITEMS.get(random.nextInt(KNOWN_ITEMS.size())));
                        mutateTree(item, random, 1 + random.nextInt(3), false);
                        items.add(JSON.writeValueAsString(item).replace("good-", "g00d-"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            return items;
        });
    }

    // ---------------------------------------------------------------- mutations

    static byte[] body(String object, List<String> items) {
        return ("{\"object\":\"" + object + "\",\"entry\":[{\"id\":\"p1\",\"time\":1764057600000,\"messaging\":["
                + String.join(",", items) + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String strings(int count) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add("\"m" + i + "\"");
        }
        return "[" + String.join(",", list) + "]";
    }

    /** Removes or retypes {@code times} nodes anywhere in the tree; {@code hostile} allows oversize values. */
    static void mutateTree(ObjectNode root, Random random, int times, boolean hostile) {
        for (int t = 0; t < times; t++) {
            List<ObjectNode> parents = new ArrayList<>();
            collectObjects(root, parents);
            ObjectNode parent = parents.get(random.nextInt(parents.size()));
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                continue;
            }
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(3) == 0) {
                parent.remove(name);
            } else {
                parent.set(name, wrongValue(random, hostile));
            }
        }
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode object) {
            out.add(object);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectObjects(it.next(), out);
        }
    }

    private static JsonNode wrongValue(Random random, boolean hostile) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new BigInteger(1 + random.nextInt(60), random).negate());
            case 4 -> NODES.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 5 -> NODES.textNode(randomText(random));
            case 6 -> NODES.textNode("");
            case 7 -> NODES.arrayNode();
            case 8 -> NODES.objectNode();
            case 9 -> {
                ArrayNode array = NODES.arrayNode();
                int n = hostile ? random.nextInt(3000) : random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    array.add(random.nextBoolean() ? NODES.numberNode(i) : NODES.objectNode());
                }
                yield array;
            }
            case 10 -> {
                JsonNode deep = NODES.textNode("x");
                int depth = hostile ? random.nextInt(60) : random.nextInt(8);
                for (int i = 0; i < depth; i++) {
                    deep = random.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("a", deep);
                }
                yield deep;
            }
            default -> NODES.textNode(String.valueOf(random.nextLong()));
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> 0x1F600 + random.nextInt(80);
                case 2 -> 0x7F + random.nextInt(0x700);
                default -> 'a' + random.nextInt(26);
            });
        }
        return text.toString();
    }

    /** Byte-level damage: BOM, invalid UTF-8, truncation, duplicate keys, huge numbers, deep nesting. */
    static byte[] mutateBytes(byte[] body, Random random) {
        String text = new String(body, StandardCharsets.UTF_8);
        switch (random.nextInt(10)) {
            case 0 -> {
                return concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
            }
            case 1 -> {
                byte[] copy = body.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips && copy.length > 0; i++) {
                    copy[random.nextInt(copy.length)] = (byte) (0x80 + random.nextInt(0x80));
                }
                return copy;
            }
            case 2 -> {
                return java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
            }
            case 3 -> {
                return text.replaceFirst("\"object\":\"(\\w+)\"", "\"object\":\"page\",\"object\":\"$1\"")
                        .replace("\"mid\":", "\"mid\":\"dup\",\"mid\":").getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                return text.replace("1764057600000", "1" + "0".repeat(random.nextInt(120)))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> {
                int depth = random.nextInt(5000);
                return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> {
                String flood = String.join(",", Collections.nCopies(random.nextInt(2500), "{}"));
                return text.replace("\"entry\":[", "\"entry\":[" + flood + (flood.isEmpty() ? "" : ","))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 7 -> {
                return text.replace("\"entry\":[", "\"entry\":" + (random.nextBoolean() ? "{}" : "7") + ",\"x\":[")
                        .getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return body;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
