package io.messengerkit.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.messengerkit.send.Attachment;
import io.messengerkit.send.Message;
import io.messengerkit.send.PageMessenger;
import io.messengerkit.send.SendRequest;
import io.messengerkit.send.SendResult;
import io.messengerkit.testing.FakeTime;
import io.messengerkit.testing.GraphTestSupport;
import io.messengerkit.testing.TestSecrets;
import io.messengerkit.transport.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SendRateLimiterTest {
    @RegisterExtension
    static WireMockExtension wm = GraphTestSupport.wireMock();

    /** The largest number of instants falling in any one-second window. */
    private static int maxPerSecond(List<Long> instants) {
        List<Long> sorted = new ArrayList<>(instants);
        Collections.sort(sorted);
        int max = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    @Test
    void spreadsABurstSoNoSecondExceedsTheRate() {
        FakeTime time = FakeTime.scheduled(GraphTestSupport.START);
        SendRateLimiter limiter = new SendRateLimiter(300, 10, time, time);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 1000; i++) {
            limiter.acquire(false).thenAccept(permit -> {
                starts.add(time.millis());
                permit.release();
            });
        }
        time.runUntilIdle();
        assertEquals(1000, starts.size());
        assertEquals(300, maxPerSecond(starts));
        long span = starts.get(999) - starts.get(0);
        assertTrue(span >= 3000 && span <= 3003, "1,000 instant calls at 300/s span 3 s, was " + span + " ms");
    }

    @Test
    void aSlotIsFreeOnlyOneSecondAfterItsCallFinished() {
        FakeTime time = FakeTime.scheduled(GraphTestSupport.START);
        SendRateLimiter limiter = new SendRateLimiter(2, 1, time, time);
        long start = time.millis();
        SendRateLimiter.Permit slow = limiter.acquire(false).join();
        SendRateLimiter.Permit quick = limiter.acquire(false).join();
        quick.release();
        List<Long> thirdAndFourth = Collections.synchronizedList(new ArrayList<>());
        // The third call takes the first call's slot, the fourth the second's.
        limiter.acquire(false).thenAccept(p -> thirdAndFourth.add(time.millis() - start));
        limiter.acquire(false).thenAccept(p -> thirdAndFourth.add(time.millis() - start));
        // The first call's answer takes 700 ms (a slow network, or a busy client before it was sent).
        time.sleep(Duration.ofMillis(700)).thenRun(slow::release);

        time.runUntilIdle();

        assertEquals(List.of(1001L, 1701L), thirdAndFourth,
                "the third call waits a second from the slow call's answer (not its start), the fourth from the quick one's");
    }

    @Test
    void aBurstOfSlowCallsNeverPutsMoreThanTheRateOnTheWireInAnySecond() {
        // However late a call reaches the server after its release (here up to 300 ms) and whenever
        // it answers, no window of one second sees more calls arrive than the rate.
        FakeTime time = FakeTime.scheduled(GraphTestSupport.START);
        SendRateLimiter limiter = new SendRateLimiter(50, 10, time, time);
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 400; i++) {
            long transit = (i * 37L) % 300;
            long answer = (i * 53L) % 200;
            limiter.acquire(false).thenAccept(permit -> time.sleep(Duration.ofMillis(transit)).thenRun(() -> {
                arrivals.add(time.millis());
                time.sleep(Duration.ofMillis(answer)).thenRun(permit::release);
            }));
        }
        time.runUntilIdle();
        assertEquals(400, arrivals.size());
        assertTrue(maxPerSecond(arrivals) <= 50, "at most 50 arrivals a second, was " + maxPerSecond(arrivals));
    }

    @Test
    void holdsABurstOfSendsUnderThePerPageRateOnTheWire() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/v26.0/me/messages")).willReturn(okJson("{\"recipient_id\":\"1\",\"message_id\":\"m\"}")));
        FakeTime time = FakeTime.scheduled(GraphTestSupport.START);
        List<Long> textSentAt = Collections.synchronizedList(new ArrayList<>());
        List<Long> otherPageSentAt = Collections.synchronizedList(new ArrayList<>());
        List<Long> mediaSentAt = Collections.synchronizedList(new ArrayList<>());
        HttpTransport jdk = HttpTransport.jdk(Duration.ofSeconds(5));
        // Records the virtual time at which each request is handed to the real transport.
        HttpTransport recording = request -> {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            boolean otherPage = request.headers().get("Authorization").get(0).endsWith(TestSecrets.PAGE_TOKEN_2_VALUE);
            (otherPage ? otherPageSentAt : body.contains("\"audio\"") ? mediaSentAt : textSentAt).add(time.millis());
            return jdk.sendAsync(request);
        };
        GraphClient graph = GraphClient.builder(GraphTestSupport.config(wm).sendRateLimits(20, 2).build())
                .transport(recording).clock(time).sleeper(time).build();
        PageMessenger first = graph.messenger(TestSecrets.PAGE_TOKEN);
        PageMessenger sameToken = graph.messenger(TestSecrets.PAGE_TOKEN);
        PageMessenger otherPage = graph.messenger(TestSecrets.PAGE_TOKEN_2);

        List<CompletableFuture<SendResult>> sends = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sends.add((i % 2 == 0 ? first : sameToken).sendTextAsync("1", "burst " + i));
        }
        for (int i = 0; i < 5; i++) {
            sends.add(first.sendAsync(SendRequest.to("1", Message.of(Attachment.audio("https://media.test/a.mp3")))));
        }
        sends.add(otherPage.sendTextAsync("1", "other page"));

        // A slot frees one (virtual) second after its call's real answer from WireMock: keep waking
        // the sleepers that those answers schedule until every send has finished.
        CompletableFuture<Void> all = CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!all.isDone() && System.nanoTime() < deadline) {
            time.runUntilIdle();
            try {
                all.get(5, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // more sleepers to wake
            }
        }
        sends.forEach(CompletableFuture::join);

        assertEquals(36, wm.getAllServeEvents().size());
        assertEquals(30, textSentAt.size());
        assertEquals(20, maxPerSecond(textSentAt), "text sends per second, shared by both messengers of the page");
        assertTrue(textSentAt.stream().mapToLong(Long::longValue).max().orElseThrow()
                - GraphTestSupport.START.toEpochMilli() >= 1000, "the 21st text send waits a second");
        assertEquals(List.of(GraphTestSupport.START.toEpochMilli()), otherPageSentAt, "another page has its own limit");
        assertTrue(maxPerSecond(mediaSentAt) <= 2, "audio sends exceeded 2 in a second");
        assertEquals(5, mediaSentAt.size());
        assertTrue(mediaSentAt.get(4) - mediaSentAt.get(0) >= 2000, "5 audio sends at 2/s span at least 2 s");
        assertEquals(GraphTestSupport.START.toEpochMilli(), mediaSentAt.get(0), "audio is not held behind text");
    }
}
