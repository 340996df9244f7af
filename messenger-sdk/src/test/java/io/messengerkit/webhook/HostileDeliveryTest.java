package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.testing.TestSecrets;
import io.messengerkit.webhook.event.ChangeEvent;
import io.messengerkit.webhook.event.UnparseableEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import io.messengerkit.webhook.http.WebhookEndpoint;
import io.messengerkit.webhook.http.WebhookServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bodies built to hurt: amplification, foreign objects, missing parties. */
class HostileDeliveryTest {
    private static final int FIVE_MIB = 5 * 1024 * 1024;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdown();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private WebhookDispatcher.Builder base() {
        return WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> seen.add(m))
                .onUnhandled((e, ctx) -> seen.add(e))
                .onUnknown((e, ctx) -> seen.add(e))
                .onError((event, error) -> errors.add(error));
    }

    private static DispatchReport await(CompletableFuture<DispatchReport> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    /** {@code {"object":"page","entry":[{"id":"p1","messaging":[<element>,<element>,...]}]}}, about 5 MiB. */
    static byte[] flood(String prefix, String element, String suffix) {
        StringBuilder body = new StringBuilder(FIVE_MIB + 64).append(prefix);
        boolean first = true;
        while (body.length() < FIVE_MIB) {
            if (!first) {
                body.append(',');
            }
            body.append(element);
            first = false;
        }
        return body.append(suffix).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Bytes this thread has allocated so far, from the JDK's thread bean; looked up reflectively
     * because the SDK's module (which the tests are compiled into) does not read java.management.
     */
    private static long allocatedBytesOfThisThread() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean")
                .getMethod("getThreadAllocatedBytes", long.class).invoke(threads, Thread.currentThread().getId());
    }

    @Test
    void rejectsSignedBodyOfMillionsOfTinyEntriesOverHttpWithOneErrorReport() throws Exception {
        AtomicInteger errorCalls = new AtomicInteger();
        WebhookDispatcher dispatcher = base().onError((event, error) -> errorCalls.incrementAndGet()).build();
        WebhookSignature signature = WebhookSignature.of(TestSecrets.APP_SECRET);
        byte[] body = flood("{\"object\":\"page\",\"entry\":[", "{}", "]}");
        try (WebhookServer server = WebhookServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/webhook", WebhookEndpoint.builder(signature).dispatcher(dispatcher).maxBodyBytes(8 << 20).build())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.url())
                    .timeout(Duration.ofSeconds(60))
                    .header(WebhookSignature.SIGNATURE_256_HEADER, signature.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "an unusable but signed delivery is acknowledged, not retried");
        }
        assertEquals(1, errorCalls.get(), "one report for the delivery, not one per element");
        assertTrue(seen.isEmpty());
    }

    @Test
    void rejectsFloodOfTinyEventsAtACostBoundedByTheCap() throws Exception {
        WebhookDispatcher dispatcher = base().build();
        for (byte[] body : List.of(
                flood("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[", "{}", "]}]}"),
                flood("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[", "1", "]}]}"),
                flood("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"changes\":[", "{}", "]}]}"),
                flood("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[{\"sender\":{\"id\":\"u\"},"
                        + "\"delivery\":{\"mids\":[", "\"m\"", "]}}]}]}"))) {
            errors.clear();
            long before = allocatedBytesOfThisThread();
            DispatchReport report = await(dispatcher.dispatch(body));
            long allocated = allocatedBytesOfThisThread() - before;
            assertEquals(new DispatchReport(0, 0, 0, 0, 1, 0), report);
            assertEquals(1, errors.size());
            assertInstanceOf(WebhookParseException.class, errors.get(0));
            // Millions of elements would be hundreds of MB of events; the cap keeps it to a few MB.
            assertTrue(allocated < 16L << 20, "allocated " + allocated + " bytes");
        }
        assertTrue(seen.isEmpty());
    }

    @Test
    void acceptsExactlyTheConfiguredNumberOfEvents() {
        String item = "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,"
                + "\"message\":{\"mid\":\"m\",\"text\":\"t\"}}";
        byte[] thousand = WebhookDispatcherTest.body(Collections.nCopies(1000, item).toArray(String[]::new));
        byte[] thousandAndOne = WebhookDispatcherTest.body(Collections.nCopies(1001, item).toArray(String[]::new));
        assertEquals(1000, WebhookParser.create().parse(thousand).eventCount(), "Meta's largest delivery");
        WebhookParseException over = assertThrows(WebhookParseException.class,
                () -> WebhookParser.create().parse(thousandAndOne));
        assertTrue(over.getMessage().contains("more than 1000"), over.getMessage());

        WebhookParser three = WebhookParser.builder().maxEvents(3).build();
        assertEquals(3, three.parse(WebhookDispatcherTest.body(item, item, item)).eventCount());
        assertThrows(WebhookParseException.class, () -> three.parse(WebhookDispatcherTest.body(item, item, item, item)));
        String twoEntries = "{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"messaging\":[" + item + "," + item
                + "]},{\"id\":\"p2\",\"standby\":[" + item + "," + item + "]}]}";
        assertThrows(WebhookParseException.class, () -> three.parse(twoEntries.getBytes(StandardCharsets.UTF_8)),
                "the cap counts the whole delivery, not one array");
    }

    @Test
    void capsTheElementsOfEveryArrayItReads() {
        WebhookParser parser = WebhookParser.builder().maxArrayElements(2).build();
        String mids = "{\"sender\":{\"id\":\"u1\"},\"delivery\":{\"mids\":[\"a\",\"b\",\"c\"],\"watermark\":1}}";
        String attachments = "{\"sender\":{\"id\":\"u1\"},\"message\":{\"mid\":\"m\",\"attachments\":"
                + "[{\"type\":\"image\"},{\"type\":\"image\"},{\"type\":\"image\"}]}}";
        for (String item : List.of(mids, attachments)) {
            assertThrows(WebhookParseException.class, () -> parser.parse(WebhookDispatcherTest.body(item)), item);
        }
        byte[] threeEntries = "{\"object\":\"page\",\"entry\":[{},{},{}]}".getBytes(StandardCharsets.UTF_8);
        assertThrows(WebhookParseException.class, () -> parser.parse(threeEntries));
        assertEquals(1, parser.parse(WebhookDispatcherTest.body(
                "{\"sender\":{\"id\":\"u1\"},\"delivery\":{\"mids\":[\"a\",\"b\"],\"watermark\":1}}")).eventCount());
        assertThrows(IllegalArgumentException.class, () -> WebhookParser.builder().maxEvents(0));
        assertThrows(IllegalArgumentException.class, () -> WebhookParser.builder().maxArrayElements(0));
    }

    @Test
    void otherObjectsNeverReachMessagingHandlers() throws Exception {
        List<WebhookBatch> other = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = base().onOtherObject(other::add).onChange((c, ctx) -> seen.add(c)).build();
        byte[] whatsApp = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"w1\",\"changes\":[{\"field\":"
                + "\"messages\",\"value\":{\"messages\":[{\"from\":\"1\",\"text\":{\"body\":\"hi\"}}]}}],"
                + "\"messaging\":[" + WebhookDispatcherTest.message("u1", "m1", "smuggled") + "]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new DispatchReport(2, 0, 0, 0, 0, 2), await(dispatcher.dispatch(whatsApp)));
        assertTrue(seen.isEmpty(), seen.toString());
        assertEquals(1, other.size());
        assertEquals("whatsapp_business_account", other.get(0).object());
        assertTrue(errors.isEmpty());

        WebhookDispatcher withoutHook = base().build();
        assertEquals(new DispatchReport(2, 0, 0, 0, 0, 2), await(withoutHook.dispatch(whatsApp)));
        assertTrue(seen.isEmpty());
    }

    @Test
    void changesReachOnlyChangeHandlersWithTheirTimeInMilliseconds() throws Exception {
        List<ChangeEvent> changes = Collections.synchronizedList(new ArrayList<>());
        byte[] feed = ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1764057600,\"changes\":"
                + "[{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\"}},{\"value\":null}]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(new DispatchReport(2, 0, 0, 0, 0, 2), await(base().build().dispatch(feed)),
                "no unknown-event or catch-all handler sees a change");
        assertTrue(seen.isEmpty());
        WebhookDispatcher dispatcher = base().onChange((c, ctx) -> changes.add(c)).build();
        assertEquals(2, await(dispatcher.dispatch(feed)).dispatched());
        ChangeEvent change = changes.get(0);
        assertEquals("feed", change.field());
        assertEquals("{\"item\":\"status\",\"verb\":\"add\"}", change.valueJson());
        assertEquals("p1", change.pageId());
        assertEquals(1_764_057_600_000L, change.timestamp(), "entry.time in seconds becomes milliseconds");
        assertNull(changes.get(1).field());
        assertNull(changes.get(1).valueJson());
    }

    @Test
    void eventsWithoutTheSenderTheirKindNeedsAreUnparseable() throws Exception {
        String nullSender = "{\"sender\":null,\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,"
                + "\"message\":{\"mid\":\"m0\",\"text\":\"who?\"}}";
        String noSender = "{\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"postback\":{\"payload\":\"X\"}}";
        String echoWithoutRecipient = "{\"sender\":{\"id\":\"p1\"},\"timestamp\":1,"
                + "\"message\":{\"mid\":\"e0\",\"is_echo\":true,\"text\":\"to whom?\"}}";
        String policy = "{\"recipient\":{\"id\":\"p1\"},\"timestamp\":1,\"policy-enforcement\":{\"action\":\"block\"}}";
        byte[] body = WebhookDispatcherTest.body(nullSender, noSender, echoWithoutRecipient,
                WebhookDispatcherTest.message("u1", "m1", "fine"), policy);
        List<WebhookEvent> events = WebhookParser.create().parse(body).events();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(UnparseableEvent.class, events.get(i), events.get(i).toString());
        }
        assertTrue(((UnparseableEvent) events.get(0)).problem().contains("sender"));
        assertTrue(((UnparseableEvent) events.get(2)).problem().contains("recipient"));

        DispatchReport report = await(base().onEcho((e, ctx) -> seen.add(e)).build().dispatch(body));
        assertEquals(new DispatchReport(5, 2, 0, 0, 3, 0), report);
        assertEquals(3, errors.size());
        assertEquals(2, seen.size(), "the good message and the page-level policy event");
    }
}
