package io.messengerkit.benchmarks.outbound;

import io.messengerkit.config.MessengerConfig;
import io.messengerkit.graph.RateLimitedException;
import io.messengerkit.send.SendResult;
import io.messengerkit.testkit.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of messages to one page, all handed to the SDK at once ({@code sendTextAsync}), with the
 * SDK's per-page limiter and the emulator both at Meta's 300 sends per second: how fast the burst
 * drains, the most calls the emulator received in any one-second window, and how many calls failed
 * (rate-limit errors, code 613, separately). Retries are off, so a refused call shows as an error
 * instead of being retried out of sight.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.messengerkit.benchmarks.outbound.SendBurst [messages]}</pre>
 */
public final class SendBurst {

    /**
     * What one burst did.
     *
     * @param messages messages handed to the SDK
     * @param sent messages the emulator accepted
     * @param rateLimited calls refused with a rate-limit error
     * @param otherErrors calls that failed otherwise
     * @param received calls the emulator received
     * @param maxInOneSecond the most calls the emulator received in any one-second window
     * @param drain from handing over the burst to the last answer
     * @param receivedSpan from the first call the emulator received to the last
     */
    public record Result(int messages, int sent, int rateLimited, int otherErrors, int received, int maxInOneSecond,
            Duration drain, Duration receivedSpan) {

        /** Calls per second over the burst as the emulator received it. */
        public double receivedPerSecond() {
            return receivedSpan.isZero() ? 0 : (received - 1) * 1e9 / receivedSpan.toNanos();
        }

        @Override
        public String toString() {
            return String.format("messages %d, sent %d, rate-limit errors %d, other errors %d; emulator received %d,"
                    + " at most %d in any 1 s window, %.1f calls/s between first and last; drained in %d ms",
                    messages, sent, rateLimited, otherErrors, received, maxInOneSecond, receivedPerSecond(),
                    drain.toMillis());
        }
    }

    private SendBurst() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println(run(messages));
    }

    /** Warms the client and connections up on the page, waits for its window to pass, then sends the burst. */
    public static Result run(int messages) throws InterruptedException {
        try (SendTarget target = new SendTarget(MessengerConfig.DEFAULT_SENDS_PER_SECOND,
                MessengerConfig.DEFAULT_SENDS_PER_SECOND)) {
            burst(target, 200);
            Thread.sleep(1500);
            target.emulator.clearRequests();
            return burst(target, messages);
        }
    }

    private static Result burst(SendTarget target, int messages) {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger rateLimited = new AtomicInteger();
        AtomicInteger otherErrors = new AtomicInteger();
        List<CompletableFuture<SendResult>> calls = new ArrayList<>(messages);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            calls.add(target.messenger.sendTextAsync(target.customer.psid(), "burst message " + i));
        }
        for (CompletableFuture<SendResult> call : calls) {
            try {
                if (call.join().messageId().isPresent()) {
                    sent.incrementAndGet();
                } else {
                    otherErrors.incrementAndGet();
                }
            } catch (CompletionException e) {
                if (e.getCause() instanceof RateLimitedException) {
                    rateLimited.incrementAndGet();
                } else {
                    otherErrors.incrementAndGet();
                }
            }
        }
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        List<Instant> received = new ArrayList<>();
        for (RecordedRequest r : target.emulator.requests("POST", ".*/messages")) {
            received.add(r.receivedAt());
        }
        received.sort(null);
        int max = 0;
        int from = 0;
        for (int to = 0; to < received.size(); to++) {
            Instant horizon = received.get(to).minusSeconds(1);
            while (!received.get(from).isAfter(horizon)) {
                from++;
            }
            max = Math.max(max, to - from + 1);
        }
        Duration span = received.size() < 2 ? Duration.ZERO
                : Duration.between(received.get(0), received.get(received.size() - 1));
        return new Result(messages, sent.get(), rateLimited.get(), otherErrors.get(), received.size(), max, drain, span);
    }
}
