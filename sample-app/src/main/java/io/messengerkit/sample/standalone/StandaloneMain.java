package io.messengerkit.sample.standalone;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sample with no arguments:
 * {@code java -XX:SharedArchiveFile=sample-app/target/sample-app.jsa -jar sample-app/target/sample-app-standalone.jar}
 * (the archive, written by the build's {@link TrainingRun}, only makes the start faster). Configuration comes
 * from environment variables (see {@link StandaloneSettings}).
 */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.parseBoolean(System.getenv("SAMPLE_TRAINING_RUN"))) {
            TrainingRun.run(System.getenv());
            System.exit(0);
        }
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
        // From the start of the JVM, so the figure is the whole cold start, not just this method's part.
        Instant processStart = ProcessHandle.current().info().startInstant().orElse(server.readyAt());
        printBanner(System.out, server, Duration.between(processStart, server.readyAt()).toMillis());
        stopped.await();
    }

    static void printBanner(PrintStream out, SampleServer server, long startMillis) {
        URI base = server.baseUri();
        out.println();
        out.println("MessengerKit sample is running (healthy " + startMillis + " ms after the JVM started)");
        if (server.demo().isPresent()) {
            DemoPlatform demo = server.demo().get();
            out.println("  Mode          DEMO: no Meta account needed, a built-in Messenger Platform emulator plays Facebook");
            out.println("  Open          " + base + "#chatbot=" + DemoPlatform.CHATBOT + "&key=" + demo.apiKey());
            out.println("  Demo sign-in  chatbot " + DemoPlatform.CHATBOT + ", API key " + demo.apiKey());
            out.println("  Facebook      \"Continue with Facebook\" logs in as " + demo.world().user().name()
                    + " (pages: " + demo.world().personalPage().name() + ", " + demo.world().businessPage().name()
                    + ", " + demo.world().clientPage().name() + ")");
            out.println("  Webhook       " + base + "api/webhook/ " + (server.webhookVerified()
                    ? "(verified by the emulator)" : "(NOT verified by the emulator: replies will not arrive)"));
            out.println("  " + (server.settings().h2() ? "Demo data is fresh on every start. " : "")
                    + "Set MESSENGER_APP_ID and MESSENGER_APP_SECRET for live mode.");
        } else {
            Map<String, String> env = server.appEnvironment();
            String publicBase = server.settings().publicUrl() == null ? base.toString()
                    : server.settings().publicUrl() + "/";
            out.println("  Mode          LIVE: Meta app " + env.get("MESSENGER_APP_ID"));
            out.println("  Open          " + base);
            out.println("  Meta App Dashboard > Messenger > Webhooks:");
            out.println("    Callback URL  " + publicBase + "api/webhook/"
                    + (server.settings().publicUrl() == null ? "   (set PUBLIC_URL to your public HTTPS address)" : ""));
            out.println("    Verify token  " + env.getOrDefault("MESSENGER_VERIFY_TOKEN", "(set MESSENGER_VERIFY_TOKEN)"));
            server.generatedKeyset().ifPresent(file -> out.println("  Token keyset  generated " + file
                    + ": back it up and keep it secret; without it stored tokens cannot be opened"));
        }
        out.println("  Health        " + base + "health");
        out.println("  Metrics       " + base + "metrics");
        out.println("Stop with Ctrl+C.");
        out.flush();
    }
}
