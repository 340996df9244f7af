package io.messengerkit.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.messengerkit.testkit.emulator.PlatformEmulator;
import io.messengerkit.webhook.DispatchReport;
import io.messengerkit.webhook.WebhookDispatcher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing the extension while a handler waits for a Graph answer: the answer comes, nothing fails or warns. */
class ExtensionCloseTest {
    private static final Logger ROOT = Logger.getLogger("");
    private static final Logger EMULATOR = Logger.getLogger(PlatformEmulator.class.getName());

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final CountDownLatch closingWaits = new CountDownLatch(1);
    private final Handler logs = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            } else if (String.valueOf(record.getMessage()).startsWith("emulator closing: waiting for")) {
                closingWaits.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level emulatorLevel;

    @BeforeEach
    void listenToTheLogs() {
        emulatorLevel = EMULATOR.getLevel();
        EMULATOR.setLevel(Level.FINE);
        logs.setLevel(Level.ALL);
        ROOT.addHandler(logs);
    }

    @AfterEach
    void stopListening() {
        ROOT.removeHandler(logs);
        EMULATOR.setLevel(emulatorLevel);
    }

    @Test
    void aGraphCallInFlightWhenTheExtensionClosesGetsItsAnswer() throws Exception {
        GateClock clock = new GateClock();
        MessengerEmulatorExtension platform = MessengerEmulatorExtension.create().withEmulator(b -> b.clock(clock));
        platform.beforeEach(null);
        ExecutorService handlers = Executors.newSingleThreadExecutor();
        try {
            List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();
            List<CompletableFuture<DispatchReport>> dispatched = new CopyOnWriteArrayList<>();
            WebhookDispatcher bot = WebhookDispatcher.builder()
                    .executor(handlers)
                    .messengers(pageId -> platform.pageMessenger())
                    .onMessage((message, ctx) -> ctx.reply("pong"))
                    .onError((event, error) -> handlerErrors.add(error))
                    .build();
            platform.handleWebhooks(body -> dispatched.add(bot.dispatch(body)));
            var customer = platform.customer();

            clock.holdTheNextGraphCall();
            customer.sends("ping");
            assertTrue(clock.held.await(10, TimeUnit.SECONDS), "the handler's send never reached the emulator");

            // The send is in flight; let it go only once closing has begun waiting for it.
            Thread releaser = new Thread(() -> {
                try {
                    if (closingWaits.await(10, TimeUnit.SECONDS)) {
                        clock.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            releaser.start();
            platform.afterEach(null);
            clock.release();
            releaser.join();

            DispatchReport report = dispatched.get(0).get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), handlerErrors);
            assertEquals(1, report.dispatched(), report.toString());
            assertEquals(0, report.failed(), report.toString());
            assertEquals(List.of("pong"), customer.conversation().replies());
            assertEquals(List.of(), warnings.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
        } finally {
            clock.release();
            handlers.shutdownNow();
        }
    }

    /** The system clock, except that it can hold the next Graph call the emulator's server takes. */
    private static final class GateClock extends Clock {
        final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();

        void holdTheNextGraphCall() {
            armed.set(true);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public Instant instant() {
            if (Thread.currentThread().getName().startsWith("messenger-emulator-") && armed.compareAndSet(true, false)) {
                held.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
