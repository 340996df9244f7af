package io.messengerkit.benchmarks;

import io.messengerkit.webhook.WebhookBatch;
import io.messengerkit.webhook.WebhookParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The stages of {@link WebhookBenchmark}'s {@code messengerkit} and {@code floor} measured apart, in
 * nanoseconds per operation, to see where this SDK's time above the floor goes: signature check,
 * parse into typed events, dispatch of an already parsed batch; and the floor's HMAC and streaming
 * pass. Not part of the comparison run; select it with {@code StageBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StageBenchmark {

    @Param
    public Payload payload;

    private byte[] body;
    private String signature256;
    private MessengerKitWebhook messengerkit;
    private WebhookParser parser;
    private WebhookBatch parsed;
    private Floor floor;

    /** Builds the same objects {@link WebhookBenchmark} uses. */
    @Setup
    public void setUp() {
        body = payload.body();
        signature256 = payload.signature256();
        messengerkit = new MessengerKitWebhook(Payload.appSecret());
        parser = messengerkit.dispatcher().parser();
        parsed = parser.parse(body);
        floor = new Floor(Payload.appSecret());
        if (parsed.eventCount() != payload.events()) {
            throw new IllegalStateException("parser saw " + parsed.eventCount() + " events in " + payload);
        }
    }

    /** This SDK's signature check over the raw bytes. */
    @Benchmark
    public boolean sdkSignature() {
        messengerkit.signature().verify(body, signature256);
        return true;
    }

    /** This SDK's parse into typed events. */
    @Benchmark
    public WebhookBatch sdkParse() {
        return parser.parse(body);
    }

    /** This SDK's dispatch of an already parsed batch to counting handlers on the calling thread. */
    @Benchmark
    public int sdkDispatchParsed() {
        return messengerkit.dispatcher().dispatch(parsed).join().dispatched();
    }

    /** The floor's HMAC-SHA256 check. */
    @Benchmark
    public boolean floorSignature() {
        floor.verify(body, signature256);
        return true;
    }

    /** The floor's streaming pass. */
    @Benchmark
    public long floorRead() {
        return floor.read(body);
    }
}
