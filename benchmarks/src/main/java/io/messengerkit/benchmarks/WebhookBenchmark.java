package io.messengerkit.benchmarks;

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
 * One signed webhook delivery, received end to end by each implementation: this SDK (verify, parse,
 * dispatch to a no-op handler on the calling thread), restfb, messenger4j, and the floor (HMAC plus
 * one streaming pass). Every method returns what it saw so the JIT cannot discard the work, and
 * {@link #setUp()} refuses to run unless every implementation verifies the signature and sees every
 * event of the payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WebhookBenchmark {

    @Param
    public Payload payload;

    private byte[] body;
    private String signature256;
    private String signature1;
    private Floor floor;
    private RestFbWebhook restfb;
    private Messenger4jWebhook messenger4j;
    private MessengerKitWebhook messengerkit;

    /** Builds every implementation and checks that each one does the real work on this payload. */
    @Setup
    public void setUp() {
        body = payload.body();
        signature256 = payload.signature256();
        signature1 = payload.signature1();
        floor = new Floor(Payload.appSecret());
        restfb = new RestFbWebhook(Payload.appSecret());
        messenger4j = new Messenger4jWebhook(Payload.appSecret());
        messengerkit = new MessengerKitWebhook(Payload.appSecret());
        expectEvents("messengerkit", messengerkit());
        if (!messengerkit.lastReport().clean() || messengerkit.lastReport().dispatched() != payload.events()) {
            throw new IllegalStateException("messengerkit did not dispatch " + payload + " cleanly: "
                    + messengerkit.lastReport());
        }
        expectEvents("restfb", restfb());
        expectEvents("messenger4j", messenger4j());
        if (floor() <= 0) {
            throw new IllegalStateException("the floor read nothing from " + payload);
        }
    }

    private void expectEvents(String implementation, int seen) {
        if (seen != payload.events()) {
            throw new IllegalStateException(implementation + " saw " + seen + " events in " + payload
                    + ", expected " + payload.events());
        }
    }

    /** This SDK: signature over the raw bytes, then dispatch (parse, route, order) to counting handlers. */
    @Benchmark
    public int messengerkit() {
        return messengerkit.handle(body, signature256);
    }

    /** HMAC-SHA256 over the raw bytes plus one Jackson streaming pass: the least work possible. */
    @Benchmark
    public long floor() {
        return floor.process(body, signature256);
    }

    /** restfb 2025.15.0: HMAC, JsonMapper into WebhookObject, walk the messaging items. */
    @Benchmark
    public int restfb() {
        return restfb.handle(body, signature256);
    }

    /** messenger4j 1.1.0: onReceiveEvents with its (sha1) signature check and a counting handler. */
    @Benchmark
    public int messenger4j() {
        return messenger4j.handle(body, signature1);
    }
}
