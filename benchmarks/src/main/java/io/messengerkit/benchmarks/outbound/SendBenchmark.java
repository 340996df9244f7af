package io.messengerkit.benchmarks.outbound;

import io.messengerkit.send.SendResult;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Send API calls per second from this SDK's Graph client to the testkit's platform emulator on
 * loopback, over keep-alive connections, with {@code @Threads} callers each sending one text message
 * at a time ({@code PageMessenger.send}, blocking). Client and emulator share the JVM, so the figure
 * is what two cores do for both ends. Baselines measured in the same run: {@code rawSend}, the same
 * call (same bytes and headers) with a bare JDK {@code HttpClient}, and {@code noop}, a round trip to
 * a JDK HTTP server that answers at once. The limiters on both sides are raised far above the rate
 * reached so that they are not what is measured ({@code SendBurst} measures the SDK's limiter).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class SendBenchmark {
    private SendTarget target;

    /** Starts the emulator, the client and the no-op server, and proves each path works. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        target = new SendTarget(1_000_000, 100_000);
        SendResult sent = target.messenger.sendText(target.customer.psid(), SendTarget.TEXT);
        if (sent.messageId().isEmpty() || !sent.recipientId().orElse("").equals(target.customer.psid())) {
            throw new IllegalStateException("SDK send was not accepted: " + sent);
        }
        String raw = target.rawSendBody();
        if (!raw.contains("\"message_id\"")) {
            throw new IllegalStateException("raw send was not accepted: " + raw);
        }
        if (target.noop() != 200) {
            throw new IllegalStateException("no-op server did not answer 200");
        }
    }

    /** Keeps the emulator's transcripts from growing over the run. */
    @Setup(Level.Iteration)
    public void forgetTranscripts() {
        target.emulator.clearTranscripts();
        target.emulator.clearRequests();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (target.baselineRetries.get() > 0) {
            System.out.println("baseline calls retried after a closed pooled connection: " + target.baselineRetries.get());
        }
        target.close();
    }

    /** One text message through the SDK: limiter, request building, appsecret_proof, JDK client, answer parsing. */
    @Benchmark
    public SendResult sdkSend() {
        return target.messenger.sendText(target.customer.psid(), SendTarget.TEXT);
    }

    /** The same call with a bare JDK HttpClient (no SDK). */
    @Benchmark
    public int rawSend() throws IOException, InterruptedException {
        return target.rawSend();
    }

    /** A round trip to a JDK HTTP server that does nothing. */
    @Benchmark
    public int noop() throws IOException, InterruptedException {
        return target.noop();
    }

    /** For tests: the target the benchmark sends to. */
    SendTarget target() {
        return target;
    }
}
