package io.messengerkit.jakarta.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Webhook bodies as an attacker (or a broken proxy) might send them, for property-based tests:
 * every event kind Meta documents, then mutated: fields removed, values of the wrong type, deep
 * nesting, huge numbers, huge arrays, duplicate keys, byte-order marks, invalid UTF-8, truncation,
 * flipped bytes, trailing garbage. Each case is a small recipe (what to build, which mutations
 * where), so jqwik can shrink a failure to the smallest recipe that still fails; the bytes are
 * built from it on demand, with fresh message ids every time.
 */
public final class HostileDeliveries {
    // Deep nesting is one of the attacks: the writer must produce what the reader is meant to refuse.
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamWriteConstraints(com.fasterxml.jackson.core.StreamWriteConstraints.builder().maxNestingDepth(100_000).build())
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private HostileDeliveries() {
    }

    /** The event kinds of a {@code messaging[]} item, as Meta sends them. */
    public enum Kind {
        MESSAGE, ECHO, POSTBACK, REACTION, READ, DELIVERY, REFERRAL, OPTIN, ACCOUNT_LINKING, MESSAGE_EDIT,
        PASS_THREAD_CONTROL, TAKE_THREAD_CONTROL, REQUEST_THREAD_CONTROL, APP_ROLES, POLICY_ENFORCEMENT, FEED_CHANGE
    }

    /** What a mutation of the JSON tree does at the node it picks. */
    public enum TreeOp { REMOVE, WRONG_TYPE, DEEP_NESTING, HUGE_NUMBER, HUGE_ARRAY }

    /** What a mutation of the serialized bytes does. */
    public enum ByteOp { UTF8_BOM, UTF16, INVALID_UTF8, DUPLICATE_KEY, TRUNCATE, FLIP, TRAILING, CONTROL_CHARACTER }

    /**
     * One mutation of the tree.
     *
     * @param op what it does
     * @param where which node (modulo the number of nodes when applied)
     * @param variant which wrong value, how deep, how many
     */
    public record TreeMutation(TreeOp op, int where, int variant) {
    }

    /**
     * One mutation of the bytes.
     *
     * @param op what it does
     * @param where where (modulo the body's length or the candidate places)
     * @param variant which bytes
     */
    public record ByteMutation(ByteOp op, int where, int variant) {
    }

    /**
     * A delivery recipe: its object, its events (in one entry, or spread over entries and
     * {@code standby[]}), and its mutations.
     *
     * @param object the {@code object} field
     * @param kinds the events
     * @param spread whether the events go to several entries and {@code standby[]}
     * @param tree mutations of the JSON tree, applied in order
     * @param bytes mutations of the bytes, applied in order
     */
    public record Case(String object, List<Kind> kinds, boolean spread, List<TreeMutation> tree, List<ByteMutation> bytes) {
        /** {@return the body, with fresh ids} */
        public byte[] render() {
            return onDeepStack(this::build);
        }

        private byte[] build() {
            ObjectNode root = delivery(object, kinds, spread);
            for (TreeMutation m : tree) {
                mutate(root, m);
            }
            byte[] body = write(root);
            for (ByteMutation m : bytes) {
                body = mutate(body, m);
            }
            return body;
        }
    }

    /**
     * A batch where some events are good and the rest are broken in ways each event survives on
     * its own (wrong types, missing fields, items that are not objects).
     *
     * @param goods how many good messages and postbacks
     * @param bads broken items: a kind and the mutations applied to that item alone
     * @param entries over how many entries the items are spread
     * @param junkEntries entries that are not objects, or whose arrays are not arrays
     */
    public record MixedBatch(int goods, List<Map.Entry<Kind, List<TreeMutation>>> bads, int entries, int junkEntries) {
        /**
         * The body and the message ids of its good events.
         *
         * @param body the bytes
         * @param goodMids ids a handler must see
         */
        public record Rendered(byte[] body, List<String> goodMids) {
        }

        /** {@return the body, with fresh ids} */
        public Rendered render() {
            return onDeepStack(this::build);
        }

        private Rendered build() {
            ObjectNode root = NODES.objectNode().put("object", "page");
            ArrayNode entryArray = root.putArray("entry");
            List<ArrayNode> lanes = new ArrayList<>();
            for (int e = 0; e < entries; e++) {
                ObjectNode entry = entryArray.addObject().put("id", pageId(e)).put("time", 1_700_000_000_000L);
                lanes.add(entry.putArray("messaging"));
            }
            List<String> mids = new ArrayList<>();
            int lane = 0;
            int bad = 0;
            for (int g = 0; g < goods; g++) {
                // Broken items before and between the good ones.
                if (bad < bads.size()) {
                    lanes.get(lane++ % lanes.size()).add(broken(bads.get(bad++), pageId(lane % entries)));
                }
                String mid = "m.good." + SEQUENCE.incrementAndGet();
                Kind kind = g % 2 == 0 ? Kind.MESSAGE : Kind.POSTBACK;
                int target = lane++ % lanes.size();
                lanes.get(target).add(item(kind, pageId(target), mid));
                mids.add(mid);
            }
            while (bad < bads.size()) {
                lanes.get(lane++ % lanes.size()).add(broken(bads.get(bad++), pageId(lane % entries)));
            }
            for (int j = 0; j < junkEntries; j++) {
                switch (j % 3) {
                    case 0 -> entryArray.add("not an entry");
                    case 1 -> entryArray.addObject().put("id", "1").put("messaging", "not an array");
                    default -> entryArray.addObject().putArray("standby").add(7).add(NODES.nullNode());
                }
            }
            return new Rendered(write(root), List.copyOf(mids));
        }

        private static JsonNode broken(Map.Entry<Kind, List<TreeMutation>> recipe, String page) {
            ObjectNode holder = NODES.objectNode();
            holder.set("item", item(recipe.getKey(), page, "m.bad." + SEQUENCE.incrementAndGet()));
            for (TreeMutation m : recipe.getValue()) {
                // Mutate below the holder only: the holder itself is not part of the body.
                mutate((ObjectNode) holder, m);
            }
            JsonNode item = holder.get("item");
            return item == null ? NODES.numberNode(0) : item;
        }
    }

    /** Builds and writes nested trees recursively: on a thread whose stack holds thousands of levels. */
    private static final java.util.concurrent.ExecutorService DEEP_STACK = java.util.concurrent.Executors.newSingleThreadExecutor(
            r -> {
                Thread t = new Thread(null, r, "hostile-deliveries", 64L * 1024 * 1024);
                t.setDaemon(true);
                return t;
            });

    static <T> T onDeepStack(java.util.function.Supplier<T> work) {
        try {
            return DEEP_STACK.submit(work::get).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@return every kind, with message, postback and reaction weighted up as the busiest} */
    public static Arbitrary<Kind> kinds() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Kind.MESSAGE)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.POSTBACK)),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(Kind.class)));
    }

    /** {@return tree mutations} */
    public static Arbitrary<TreeMutation> treeMutations() {
        return Combinators.combine(Arbitraries.of(TreeOp.class), Arbitraries.integers().between(0, 4096),
                Arbitraries.integers().between(0, 20_000)).as(TreeMutation::new);
    }

    /** {@return tree mutations that one event survives on its own: no deep nesting, no huge numbers} */
    public static Arbitrary<TreeMutation> survivableTreeMutations() {
        return Combinators.combine(Arbitraries.of(TreeOp.REMOVE, TreeOp.WRONG_TYPE), Arbitraries.integers().between(0, 4096),
                Arbitraries.integers().between(0, 64)).as(TreeMutation::new);
    }

    /** {@return byte mutations} */
    public static Arbitrary<ByteMutation> byteMutations() {
        return Combinators.combine(Arbitraries.of(ByteOp.class), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 255)).as(ByteMutation::new);
    }

    /** {@return delivery recipes, most of them mutated} */
    public static Arbitrary<Case> cases() {
        Arbitrary<String> objects = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, "page"), net.jqwik.api.Tuple.of(2, "instagram"),
                net.jqwik.api.Tuple.of(1, "whatsapp_business_account"), net.jqwik.api.Tuple.of(1, ""));
        return Combinators.combine(objects, kinds().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of(true, false),
                treeMutations().list().ofMaxSize(4), byteMutations().list().ofMaxSize(2)).as(Case::new);
    }

    /** {@return mixed batches: up to 5 good events among up to 6 broken ones} */
    public static Arbitrary<MixedBatch> mixedBatches() {
        Arbitrary<Map.Entry<Kind, List<TreeMutation>>> bad = Combinators.combine(Arbitraries.of(Kind.class),
                survivableTreeMutations().list().ofMinSize(1).ofMaxSize(3)).as(Map::entry);
        return Combinators.combine(Arbitraries.integers().between(1, 5), bad.list().ofMaxSize(6),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3)).as(MixedBatch::new);
    }

    static String pageId(int n) {
        return Long.toString(100_000_000_000_001L + n);
    }

    static ObjectNode delivery(String object, List<Kind> kinds, boolean spread) {
        ObjectNode root = NODES.objectNode().put("object", object);
        ArrayNode entries = root.putArray("entry");
        ObjectNode entry = null;
        for (int i = 0; i < kinds.size(); i++) {
            if (entry == null || (spread && i % 3 == 0)) {
                entry = entries.addObject().put("id", pageId(i)).put("time", 1_700_000_000_000L + i);
            }
            Kind kind = kinds.get(i);
            String array = kind == Kind.FEED_CHANGE ? "changes" : spread && i % 2 == 1 ? "standby" : "messaging";
            ArrayNode items = entry.has(array) ? (ArrayNode) entry.get(array) : entry.putArray(array);
            items.add(item(kind, entry.get("id").asText(), "m." + SEQUENCE.incrementAndGet()));
        }
        return root;
    }

    /** One {@code messaging[]} item of the given kind (or a {@code changes[]} item for FEED_CHANGE). */
    static ObjectNode item(Kind kind, String page, String mid) {
        long time = 1_700_000_000_000L + SEQUENCE.get();
        if (kind == Kind.FEED_CHANGE) {
            ObjectNode change = NODES.objectNode().put("field", "feed");
            change.putObject("value").put("item", "comment").put("verb", "add").put("post_id", page + "_1")
                    .put("created_time", time / 1000);
            return change;
        }
        String psid = "2000" + (SEQUENCE.get() % 1000);
        ObjectNode item = NODES.objectNode();
        boolean fromPage = kind == Kind.ECHO;
        if (kind != Kind.APP_ROLES) {
            item.putObject("sender").put("id", fromPage ? page : psid);
        }
        item.putObject("recipient").put("id", fromPage ? psid : page);
        item.put("timestamp", time);
        switch (kind) {
            case MESSAGE -> {
                ObjectNode m = item.putObject("message").put("mid", mid).put("text", "hi caf\u00e9 \ud83d\udc4b");
                m.putObject("quick_reply").put("payload", "QR_1");
                m.putObject("reply_to").put("mid", "m.earlier");
                ObjectNode a = m.putArray("attachments").addObject().put("type", "image");
                a.putObject("payload").put("url", "https://cdn.example.test/a.png");
            }
            case ECHO -> item.putObject("message").put("is_echo", true).put("app_id", 1517776481860111L)
                    .put("metadata", "meta").put("mid", mid).put("text", "echoed");
            case POSTBACK -> {
                ObjectNode p = item.putObject("postback").put("title", "Get started").put("payload", "GET_STARTED").put("mid", mid);
                p.putObject("referral").put("ref", "r1").put("source", "SHORTLINK").put("type", "OPEN_THREAD");
            }
            case REACTION -> item.putObject("reaction").put("reaction", "love").put("emoji", "\u2764")
                    .put("action", "react").put("mid", mid);
            case READ -> item.putObject("read").put("watermark", time);
            case DELIVERY -> {
                ObjectNode d = item.putObject("delivery").put("watermark", time);
                d.putArray("mids").add(mid);
            }
            case REFERRAL -> item.putObject("referral").put("ref", "r2").put("source", "ADS").put("type", "OPEN_THREAD")
                    .put("ad_id", "6045246247433");
            case OPTIN -> item.putObject("optin").put("type", "notification_messages").put("payload", "p")
                    .put("notification_messages_token", "t0k3n").put("notification_messages_frequency", "WEEKLY")
                    .put("token_expiry_timestamp", time + 1000).put("user_token_status", "NOT_REFRESHED");
            case ACCOUNT_LINKING -> item.putObject("account_linking").put("status", "linked")
                    .put("authorization_code", "code-1");
            case MESSAGE_EDIT -> item.putObject("message_edit").put("mid", mid).put("text", "edited").put("num_edit", 1);
            case PASS_THREAD_CONTROL -> item.putObject("pass_thread_control").put("new_owner_app_id", "123456789")
                    .put("previous_owner_app_id", "987654321").put("metadata", "m");
            case TAKE_THREAD_CONTROL -> item.putObject("take_thread_control").put("previous_owner_app_id", "123456789")
                    .put("new_owner_app_id", "987654321").put("metadata", "m");
            case REQUEST_THREAD_CONTROL -> item.putObject("request_thread_control")
                    .put("requested_owner_app_id", "123456789").put("metadata", "m");
            case APP_ROLES -> item.putObject("app_roles").putArray("123456789").add("primary_receiver");
            case POLICY_ENFORCEMENT -> item.putObject("policy-enforcement").put("action", "block").put("reason", "spam");
            default -> throw new IllegalStateException(kind.toString());
        }
        return item;
    }

    /**
     * The largest generated array. Bigger ones fit the body limit too (64 KiB holds 21,000 empty
     * objects), but today every element of such an array costs the parser an unparseable event and
     * the error hook a log line, so they would eat the fuzzing budget on one known cost.
     */
    static final int MAX_ARRAY = 3000;

    private static final JsonNode[] WRONG_VALUES = {
        NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1.5e300),
        NODES.numberNode(Long.MIN_VALUE), NODES.textNode(""), NODES.textNode("text"), NODES.textNode("\u0000\u202e"),
        NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add(NODES.nullNode()), NODES.objectNode().set("id", NODES.objectNode()),
        NODES.textNode("x".repeat(5000)), NODES.numberNode(new BigInteger("1" + "0".repeat(40))),
    };

    /** Applies a tree mutation at the {@code where}-th node below {@code root} (depth-first). */
    static void mutate(ObjectNode root, TreeMutation m) {
        List<Object[]> places = new ArrayList<>();
        collect(root, places);
        if (places.isEmpty()) {
            return;
        }
        Object[] place = places.get(Math.floorMod(m.where(), places.size()));
        JsonNode replacement = switch (m.op()) {
            case REMOVE -> null;
            // A copy: the same node inserted twice could later be mutated into containing itself.
            case WRONG_TYPE -> WRONG_VALUES[Math.floorMod(m.variant(), WRONG_VALUES.length)].deepCopy();
            case DEEP_NESTING -> nested(1 + Math.floorMod(m.variant(), 3000));
            case HUGE_NUMBER -> m.variant() % 2 == 0
                    ? new BigIntegerNode(new BigInteger("9".repeat(65 + Math.floorMod(m.variant(), 2000))))
                    : new DecimalNode(new BigDecimal("1e" + (1000 + m.variant())));
            case HUGE_ARRAY -> huge(1 + Math.floorMod(m.variant(), MAX_ARRAY), m.variant());
        };
        if (place[0] instanceof ObjectNode parent) {
            if (replacement == null) {
                parent.remove((String) place[1]);
            } else {
                parent.set((String) place[1], replacement);
            }
        } else {
            ArrayNode parent = (ArrayNode) place[0];
            int index = (Integer) place[1];
            if (replacement == null) {
                parent.remove(index);
            } else {
                parent.set(index, replacement);
            }
        }
    }

    private static void collect(JsonNode node, List<Object[]> places) {
        if (node instanceof ObjectNode object) {
            for (String name : iterable(object)) {
                places.add(new Object[] {object, name});
                collect(object.get(name), places);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                places.add(new Object[] {array, i});
                collect(array.get(i), places);
            }
        }
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode nested(int depth) {
        JsonNode inner = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            inner = i % 2 == 0 ? NODES.arrayNode().add(inner) : NODES.objectNode().set("a", inner);
        }
        return inner;
    }

    private static JsonNode huge(int size, int variant) {
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            switch (Math.floorMod(variant, 3)) {
                case 0 -> array.addObject();
                case 1 -> array.add(0);
                default -> array.add("x");
            }
        }
        return array;
    }

    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFE, (byte) 0xFE},
    };

    private static final String[] DUPLICATES = {
        "\"object\":\"instagram\",", "\"entry\":[],", "\"id\":\"999\",", "\"sender\":{\"id\":\"1\"},", "\"message\":{\"mid\":\"m.dup\"},",
        "\"object\":{},", "\"entry\":{\"id\":1},",
    };

    private static final String[] TRAILERS = {"x", "{}", "\u0000", " \n", "]", ",{\"object\":\"page\"}"};

    /** Applies a byte mutation. */
    static byte[] mutate(byte[] body, ByteMutation m) {
        int where = m.where();
        int variant = m.variant();
        return switch (m.op()) {
            case UTF8_BOM -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
            case UTF16 -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                    new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
            case INVALID_UTF8 -> insertAfter(body, quotes(body), where, INVALID_UTF8[Math.floorMod(variant, INVALID_UTF8.length)]);
            case DUPLICATE_KEY -> insertAfter(body, braces(body), where,
                    DUPLICATES[Math.floorMod(variant, DUPLICATES.length)].getBytes(StandardCharsets.UTF_8));
            case TRUNCATE -> java.util.Arrays.copyOf(body, Math.floorMod(where, Math.max(1, body.length)));
            case FLIP -> {
                byte[] copy = body.clone();
                if (copy.length > 0) {
                    int i = Math.floorMod(where, copy.length);
                    copy[i] = (byte) (copy[i] ^ (1 + Math.floorMod(variant, 255)));
                }
                yield copy;
            }
            case TRAILING -> concat(body, TRAILERS[Math.floorMod(variant, TRAILERS.length)].getBytes(StandardCharsets.UTF_8));
            case CONTROL_CHARACTER -> insertAfter(body, quotes(body), where, new byte[] {(byte) Math.floorMod(variant, 0x20)});
        };
    }

    private static List<Integer> quotes(byte[] body) {
        return positionsOf(body, (byte) '"');
    }

    private static List<Integer> braces(byte[] body) {
        return positionsOf(body, (byte) '{');
    }

    private static List<Integer> positionsOf(byte[] body, byte b) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == b) {
                positions.add(i);
            }
        }
        return positions;
    }

    private static byte[] insertAfter(byte[] body, List<Integer> candidates, int where, byte[] inserted) {
        if (candidates.isEmpty()) {
            return concat(body, inserted);
        }
        int at = candidates.get(Math.floorMod(where, candidates.size())) + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + inserted.length);
        out.write(body, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
