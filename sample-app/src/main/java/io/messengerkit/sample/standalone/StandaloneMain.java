package io.messengerkit.sample.standalone;

import io.messengerkit.MessengerException;
import io.messengerkit.token.TokenKeysetTool;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sample with no arguments:
 * {@code java -XX:SharedArchiveFile=sample-app/target/sample-app.jsa -jar sample-app/target/sample-app-standalone.jar}
 * (the archive, written by the build's {@link TrainingRun}, only makes the start faster). Configuration comes
 * from environment variables (see {@link StandaloneSettings}). A configuration that cannot work is refused with
 * exit status 2 and one line saying why.
 *
 * <p>{@code java -jar sample-app-standalone.jar keyset <command> ...} runs the SDK's {@link TokenKeysetTool}
 * instead (e.g. {@code keyset generate --out /etc/messenger/token-keyset.json}): live mode never creates a keyset
 * by itself.
 */
public final class StandaloneMain {

    private StandaloneMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("keyset")) {
            TokenKeysetTool.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
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
        SampleServer server;
        try {
            server = SampleServer.start(settings, System.getenv());
        } catch (MessengerException e) {
            // A setting out of range, an unreadable keyset, a keyset that does not open the stored tokens.
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
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
                    + "Live mode: see docs/deployment.md (app id, app secret, verify token, API keys, token keyset).");
        } else {
            Map<String, String> env = server.appEnvironment();
            String publicBase = server.settings().publicUrl() == null ? base.toString()
                    : server.settings().publicUrl() + "/";
            out.println("  Mode          LIVE: Meta app " + env.get("MESSENGER_APP_ID"));
            out.println("  Open          " + base);
            out.println("  Meta App Dashboard > Messenger > Webhooks:");
            out.println("    Callback URL  " + publicBase + "api/webhook/"
                    + (server.settings().publicUrl() == null ? "   (set PUBLIC_URL to your public HTTPS address)" : ""));
            // Secrets stay where the operator put them: the banner names them, never prints them.
            out.println("    Verify token  the value of MESSENGER_VERIFY_TOKEN");
        }
        out.println("  Health        " + base + "health");
        out.println("  Metrics       " + base + "metrics");
        out.println("Stop with Ctrl+C.");
        out.flush();
    }
}
