package io.messengerkit.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A parser reuses its per-thread reading state from one body to the next: nothing of one body
 * (events, values, a failure half-way) shows in the next, on one thread or on many.
 */
class WebhookParserReuseTest {

    /** The same body parsed by a parser that has never parsed anything on this thread. */
    private static WebhookBatch fresh(String name) {
        return WebhookParser.builder().build().parse(Corpus.bytes(name));
    }

    @Test
    void eachBodyParsesAsIfItWereTheFirst() {
        WebhookParser parser = WebhookParser.builder().build();
        for (int round = 0; round < 3; round++) {
            for (String name : Corpus.ALL) {
                assertEquals(fresh(name), parser.parse(Corpus.bytes(name)), name + ", round " + round);
            }
        }
    }

    @Test
    void aBodyThatFailsHalfWayLeavesNothingForTheNext() {
        WebhookParser parser = WebhookParser.builder().maxEvents(3).build();
        byte[] tooMany = Corpus.bytes("multi-page-batch.json");
        String broken = new String(Corpus.bytes("attachments.json"), StandardCharsets.UTF_8);
        byte[] truncated = broken.substring(0, broken.length() * 2 / 3).getBytes(StandardCharsets.UTF_8);
        for (String name : Corpus.ALL) {
            WebhookBatch expected;
            try {
                expected = WebhookParser.builder().maxEvents(3).build().parse(Corpus.bytes(name));
            } catch (WebhookParseException e) {
                continue;
            }
            assertThrows(WebhookParseException.class, () -> parser.parse(truncated));
            if (fresh("multi-page-batch.json").eventCount() > 3) {
                assertThrows(WebhookParseException.class, () -> parser.parse(tooMany));
            }
            assertEquals(expected, parser.parse(Corpus.bytes(name)), name);
        }
    }

    @Test
    void threadsSharingOneParserDoNotSeeEachOthersBodies() throws Exception {
        WebhookParser parser = WebhookParser.create();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String name = Corpus.ALL[(i + offset) % Corpus.ALL.length];
                        assertEquals(fresh(name), parser.parse(Corpus.bytes(name)), name);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
