package io.messengerkit.benchmarks.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.send.SendResult;
import org.junit.jupiter.api.Test;

/**
 * Proves the outbound benchmarks measure real work: each measured call is a send the emulator
 * accepts (or, for the baseline, a 200), and the burst reaches the emulator in full, under its
 * per-page limit, without a rate-limit error.
 */
class OutboundBenchmarksTest {

    @Test
    void everyMeasuredCallIsASendTheEmulatorAccepts() throws Exception {
        SendBenchmark benchmark = new SendBenchmark();
        benchmark.setUp();
        try {
            benchmark.forgetTranscripts();
            SendResult sent = benchmark.sdkSend();
            assertTrue(sent.messageId().isPresent());
            assertEquals(200, benchmark.rawSend());
            assertEquals(200, benchmark.noop());
            SendTarget target = benchmark.target();
            assertEquals(2, target.emulator.conversation(target.page.id(), target.customer.psid()).entries().stream()
                    .filter(e -> SendTarget.TEXT.equals(e.text())).count(), "the SDK's and the raw send both landed");
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void aBurstToOnePageIsHeldUnderThreeHundredPerSecondWithoutRateLimitErrors() throws Exception {
        SendBurst.Result result = SendBurst.run(1000);

        assertEquals(1000, result.sent(), result.toString());
        assertEquals(0, result.rateLimited(), result.toString());
        assertEquals(0, result.otherErrors(), result.toString());
        assertEquals(1000, result.received(), result.toString());
        assertTrue(result.maxInOneSecond() <= 300, result.toString());
        assertTrue(result.drain().toMillis() >= 2000, "1,000 sends at 300/s take over 2 s: " + result);
    }
}
