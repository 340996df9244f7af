package io.messengerkit.sample.standalone;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sample with no arguments: {@code java -jar sample-app/target/sample-app-standalone.jar}.
 * Configuration comes from environment variables (see {@link StandaloneSettings}).
 */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        SampleServer server = SampleServer.start(settings, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sample-shutdown"));
        printBanner(System.out, server, (System.nanoTime() - started) / 1_000_000);
        stopped.await();
    }

    static void printBanner(PrintStream out, SampleServer server, long startMillis) {
        out.println();
        out.println("MessengerKit sample is running (started in " + startMillis + " ms)");
        out.println("  Open        " + server.baseUri());
        out.println("  Health      " + server.baseUri() + "health");
        out.println("  Mode        " + (server.settings().demo() ? "demo (built-in Messenger Platform emulator)" : "live"));
        out.println("Stop with Ctrl+C.");
        out.flush();
    }
}
