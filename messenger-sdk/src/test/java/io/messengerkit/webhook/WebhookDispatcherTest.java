package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.webhook.event.DeliveryEvent;
import io.messengerkit.webhook.event.EchoEvent;
import io.messengerkit.webhook.event.MessageEvent;
import io.messengerkit.webhook.event.MessagingFeedbackEvent;
import io.messengerkit.webhook.event.ReadEvent;
import io.messengerkit.webhook.event.UnknownEvent;
import io.messengerkit.webhook.event.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
    private static final String APP = "1517776481860111";

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Object> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
    }

    private WebhookDispatcher.Builder base() {
        return WebhookDispatcher.builder().appId(APP).executor(executor)
                .onError((event, error) -> errors.add(error));
    }

    private static DispatchReport await(CompletableFuture<DispatchReport> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static byte[] body(String... items) {
        return ("{\"object\":\"page\",\"entry\":[{\"id\":\"p1\",\"time\":1,\"messaging\":[" + String.join(",", items)
                + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    static String message(String sender, String mid, String text) {
        return "{\"sender\":{\"id\":\"" + sender + "\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":1764057600000,"
                + "\"message\":{\"mid\":\"" + mid + "\",\"text\":\"" + text + "\"}}";
    }

    @Test
    void routesEachEventToItsTypedHandler() throws Exception {
        WebhookDispatcher dispatcher = base()
                .onMessage((m, ctx) -> seen.add("message " + m.text() + " from " + ctx.userId() + " on " + ctx.pageId()))
                .onPostback((p, ctx) -> seen.add("postback " + p.payload()))
                .onReferral((r, ctx) -> seen.add("referral " + r.referral().source()))
                .build();
        DispatchReport report = await(dispatcher.dispatch(Corpus.bytes("postbacks-and-referrals.json")));
        assertEquals(new DispatchReport(4, 4, 0, 0, 0, 0), report);
        assertTrue(seen.containsAll(List.of("postback GET_STARTED", "postback MENU", "referral ADS",
                "referral CUSTOMER_CHAT_PLUGIN")), seen.toString());

        DispatchReport text = await(dispatcher.dispatch(Corpus.bytes("text-message.json")));
        assertEquals(1, text.dispatched());
        assertTrue(seen.contains("message Grüße, äöå \uD83D\uDE00 & \"quoted\" from 7310000000000001 on 104857600000001"));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void echoesReachOnlyAnExplicitEchoHandler() throws Exception {
        List<WebhookEvent> unhandled = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher withoutEchoHandler = base()
                .onMessage((m, ctx) -> seen.add(m))
                .onUnhandled((e, ctx) -> unhandled.add(e))
                .build();
        DispatchReport report = await(withoutEchoHandler.dispatch(Corpus.bytes("echoes.json")));
        assertEquals(new DispatchReport(4, 0, 0, 0, 0, 4), report);
        assertTrue(seen.isEmpty());
        assertTrue(unhandled.isEmpty(), "the catch-all never sees echoes while filtering is on");

        List<EchoEvent.Origin> origins = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher withEchoHandler = base()
                .onMessage((m, ctx) -> seen.add(m))
                .onEcho((echo, ctx) -> origins.add(echo.origin(ctx.appId())))
                .build();
        assertEquals(4, await(withEchoHandler.dispatch(Corpus.bytes("echoes.json"))).dispatched());
        assertTrue(seen.isEmpty(), "echoes never reach message handlers");
        assertEquals(List.of(EchoEvent.Origin.THIS_APP, EchoEvent.Origin.OTHER_APP, EchoEvent.Origin.PAGE_INBOX,
                EchoEvent.Origin.THIS_APP), origins, "one conversation, so in order");

        WebhookDispatcher unfiltered = base().echoFiltering(false).onUnhandled((e, ctx) -> unhandled.add(e)).build();
        assertEquals(4, await(unfiltered.dispatch(Corpus.bytes("echoes.json"))).dispatched());
        assertEquals(4, unhandled.size());
    }

    @Test
    void standbyEventsReachOnlyStandbyHandlersAndEchoesOnlyEchoHandlers() throws Exception {
        List<WebhookEvent> standby = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = base()
                .onMessage((m, ctx) -> seen.add(m))
                .onEcho((m, ctx) -> seen.add(m))
                .build();
        assertEquals(new DispatchReport(2, 1, 0, 0, 0, 1), await(dispatcher.dispatch(Corpus.bytes("standby.json"))));
        EchoEvent echo = assertInstanceOf(EchoEvent.class, seen.get(0));
        assertTrue(echo.envelope().standby(), "an echo from standby[] is flagged as standby");
        seen.clear();
        WebhookDispatcher watching = base().onMessage((m, ctx) -> seen.add(m)).onStandby((e, ctx) -> standby.add(e))
                .onUnhandled((e, ctx) -> seen.add(e)).build();
        assertEquals(new DispatchReport(2, 1, 0, 0, 0, 1), await(watching.dispatch(Corpus.bytes("standby.json"))));
        assertTrue(seen.isEmpty());
        assertEquals(1, standby.size(), "the echo reaches neither standby nor catch-all handlers");
        assertInstanceOf(MessageEvent.class, standby.get(0));
    }

    @Test
    void theCatchAllGetsEverythingWithoutATypedHandler() throws Exception {
        List<WebhookEvent> other = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = base()
                .onMessage((m, ctx) -> seen.add(m.mid()))
                .onUnhandled((e, ctx) -> other.add(e))
                .build();
        DispatchReport report = await(dispatcher.dispatch(Corpus.bytes("unknown-events.json")));
        assertEquals(new DispatchReport(4, 3, 0, 0, 0, 1), report, "the changes[] item reaches no catch-all");
        assertEquals(List.of("m_between"), seen);
        assertEquals(2, other.size());
        assertInstanceOf(UnknownEvent.class, other.get(0));
        assertInstanceOf(MessagingFeedbackEvent.class, other.get(1));
    }

    @Test
    void unparseableEventsAndBodiesAreCountedAndReported() throws Exception {
        List<WebhookEvent> failedEvents = Collections.synchronizedList(new ArrayList<>());
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> seen.add(m.mid()))
                .onError((event, error) -> {
                    failedEvents.add(event);
                    errors.add(error);
                })
                .build();
        byte[] body = body(message("u1", "m1", "a"), "{\"sender\":[],\"message\":{\"mid\":\"x\"}}", message("u1", "m2", "b"));
        assertEquals(new DispatchReport(3, 2, 0, 0, 1, 0), await(dispatcher.dispatch(body)));
        assertEquals(List.of("m1", "m2"), seen);
        assertInstanceOf(WebhookParseException.class, errors.get(0));

        DispatchReport garbage = await(dispatcher.dispatch("{not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new DispatchReport(0, 0, 0, 0, 1, 0), garbage);
        assertFalse(garbage.needsRetry());
        assertNull(failedEvents.get(1), "a body-level failure has no event");
        assertInstanceOf(WebhookParseException.class, errors.get(1));
    }

    @Test
    void aFailingHandlerIsIsolatedReportedAndRetriedOnRedelivery() throws Exception {
        List<String> secondHandler = Collections.synchronizedList(new ArrayList<>());
        boolean[] failOnce = {true};
        WebhookDispatcher dispatcher = base()
                .onMessage((m, ctx) -> {
                    if (m.mid().equals("m2") && failOnce[0]) {
                        failOnce[0] = false;
                        throw new IllegalStateException("handler bug");
                    }
                    seen.add(m.mid());
                })
                .onMessage((m, ctx) -> secondHandler.add(m.mid()))
                .build();
        byte[] body = body(message("u1", "m1", "a"), message("u1", "m2", "b"), message("u1", "m3", "c"));
        DispatchReport first = await(dispatcher.dispatch(body));
        assertEquals(new DispatchReport(3, 2, 0, 1, 0, 0), first);
        assertTrue(first.needsRetry());
        assertEquals(List.of("m1", "m3"), seen);
        assertEquals(List.of("m1", "m2", "m3"), secondHandler, "the other handler of the same event still ran");
        assertEquals("handler bug", errors.get(0).getMessage());

        DispatchReport retry = await(dispatcher.dispatch(body));
        assertEquals(new DispatchReport(3, 1, 2, 0, 0, 0), retry, "only the failed event runs again");
        assertEquals(List.of("m1", "m3", "m2"), seen);
    }

    @Test
    void aDisabledLedgerHandlesRedeliveriesAgain() throws Exception {
        WebhookDispatcher dispatcher = base()
                .deduplication(DeduplicationLedger.disabled())
                .onMessage((m, ctx) -> seen.add(m.mid()))
                .onRead((r, ctx) -> {
                    throw new IllegalStateException("read handler bug");
                })
                .build();
        byte[] body = body(message("u1", "m1", "a"),
                "{\"sender\":{\"id\":\"u1\"},\"recipient\":{\"id\":\"p1\"},\"timestamp\":2,\"read\":{\"watermark\":1}}");
        assertEquals(new DispatchReport(2, 1, 0, 1, 0, 0), await(dispatcher.dispatch(body)));
        assertEquals(new DispatchReport(2, 1, 0, 1, 0, 0), await(dispatcher.dispatch(body)));
        assertEquals(List.of("m1", "m1"), seen);
    }

    @Test
    void theErrorHookMayItselfFail() throws Exception {
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(executor)
                .onMessage((m, ctx) -> {
                    throw new IllegalStateException("boom");
                })
                .onError((event, error) -> {
                    throw new IllegalArgumentException("hook bug");
                })
                .build();
        assertEquals(new DispatchReport(1, 0, 0, 1, 0, 0),
                await(dispatcher.dispatch(body(message("u1", "m1", "a")))));
    }

    @Test
    void refusesADeliveryThatDoesNotFitAndAcceptsItOnceThereIsRoom() throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        WebhookDispatcher dispatcher = base()
                .maxPendingEvents(3)
                .admissionTimeout(Duration.ZERO)
                .onMessage((m, ctx) -> {
                    running.countDown();
                    release.await();
                    seen.add(m.mid());
                })
                .build();
        CompletableFuture<DispatchReport> busy = dispatcher.dispatch(body(message("u1", "m1", "a"), message("u2", "m2", "b")));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        assertEquals(2, dispatcher.pendingEvents());

        CompletableFuture<DispatchReport> refused = dispatcher.dispatch(body(message("u3", "m3", "c"), message("u4", "m4", "d")));
        ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
        assertInstanceOf(WebhookOverloadedException.class, e.getCause());

        release.countDown();
        assertEquals(2, await(busy).dispatched());
        assertEquals(2, await(dispatcher.dispatch(body(message("u3", "m3", "c"), message("u4", "m4", "d")))).dispatched());
        assertEquals(0, dispatcher.pendingEvents());
    }

    @Test
    void waitsForRoomWithinTheAdmissionTimeout() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WebhookDispatcher dispatcher = base()
                .maxPendingEvents(1)
                .admissionTimeout(Duration.ofSeconds(30))
                .onMessage((m, ctx) -> {
                    running.countDown();
                    if (m.mid().equals("m1")) {
                        release.await();
                    }
                    seen.add(m.mid());
                })
                .build();
        CompletableFuture<DispatchReport> first = dispatcher.dispatch(body(message("u1", "m1", "a")));
        assertTrue(running.await(10, TimeUnit.SECONDS));
        CompletableFuture<CompletableFuture<DispatchReport>> second =
                CompletableFuture.supplyAsync(() -> dispatcher.dispatch(body(message("u2", "m2", "b"))));
        release.countDown();
        assertEquals(1, await(second.get(10, TimeUnit.SECONDS)).dispatched());
        assertEquals(1, await(first).dispatched());
        assertEquals(List.of("m1", "m2"), seen);
    }

    @Test
    void anExecutorThatRejectsWorkFailsTheEventsInsteadOfHanging() throws Exception {
        ExecutorService closed = Executors.newSingleThreadExecutor();
        closed.shutdown();
        WebhookDispatcher dispatcher = WebhookDispatcher.builder().executor(closed)
                .onMessage((m, ctx) -> seen.add(m))
                .onError((event, error) -> errors.add(error))
                .build();
        DispatchReport report = await(dispatcher.dispatch(body(message("u1", "m1", "a"), message("u1", "m2", "b"))));
        assertEquals(new DispatchReport(2, 0, 0, 2, 0, 0), report);
        assertInstanceOf(RejectedExecutionException.class, errors.get(0));
        assertEquals(0, dispatcher.pendingEvents());
    }

    @Test
    void pageLevelEventsWithoutASenderAreDispatched() throws Exception {
        WebhookDispatcher dispatcher = base()
                .onPolicyEnforcement((p, ctx) -> seen.add(p.action() + " " + ctx.userId()))
                .on(ReadEvent.class, (r, ctx) -> seen.add(r))
                .on(DeliveryEvent.class, (d, ctx) -> seen.add(d))
                .build();
        DispatchReport report = await(dispatcher.dispatch(Corpus.bytes("handover-and-policy.json")));
        assertEquals(new DispatchReport(5, 1, 0, 0, 0, 4), report);
        assertEquals(List.of("block null"), seen);
    }

    @Test
    void refusesToBuildWithoutAnExecutor() {
        assertThrows(IllegalStateException.class, () -> WebhookDispatcher.builder().build());
        assertThrows(IllegalArgumentException.class,
                () -> WebhookDispatcher.builder().on(WebhookEvent.class, (e, c) -> { }));
    }
}
